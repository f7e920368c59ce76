;; An http app whose start function traps: it validates, but every instantiation fails (530 at request time).
(module
  (memory (export "memory") 1)
  (func $boom unreachable)
  (start $boom)
  (func (export "wedge_on_request") (result i32) (i32.const 0)))
