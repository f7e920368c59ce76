;; An http app that recurses without end: the engine's stack runs out, and the host answers 533 trap.
(module
  (memory (export "memory") 1)
  (func $down (param i32) (result i32)
    (call $down (i32.add (local.get 0) (i32.const 1))))
  (func (export "wedge_on_request") (result i32)
    (call $down (i32.const 0))))
