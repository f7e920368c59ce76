;; An http app that asks for 4 pages (256 KiB) of memory at start: refused when its cap is smaller.
(module
  (memory (export "memory") 4)
  (func (export "wedge_on_request") (result i32) (i32.const 0)))
