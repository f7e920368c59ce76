;; An http app whose handler has the wrong type (takes a parameter): refused at load, not at the first request.
(module
  (memory (export "memory") 1)
  (func (export "wedge_on_request") (param i32) (result i32) (i32.const 0)))
