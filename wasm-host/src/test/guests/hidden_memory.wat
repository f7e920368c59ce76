;; An http app that keeps its memory to itself: host calls would have nothing to read, so it is refused.
(module
  (memory 1)
  (func (export "wedge_on_request") (result i32) (i32.const 0)))
