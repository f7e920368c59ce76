;; An http app importing a wedge function that does not exist: instantiation must fail (530).
(module
  (import "wedge" "no_such_function" (func $missing (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "wedge_on_request") (result i32)
    (call $missing (i32.const 0) (i32.const 0))))
