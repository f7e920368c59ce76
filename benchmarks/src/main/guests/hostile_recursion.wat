;; Hostile benchmark guest: recurses without end until the engine's stack gives out (533 trap).
(module
  (memory (export "memory") 1)
  (func $down (param $depth i64) (result i64)
    (i64.add (call $down (i64.add (local.get $depth) (i64.const 1))) (i64.const 1)))
  (func (export "wedge_abi_version_1"))
  (func (export "wedge_on_request") (result i32)
    (drop (call $down (i64.const 0)))
    (i32.const 0)))
