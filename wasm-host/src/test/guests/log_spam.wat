;; http app that logs 100,000 empty lines: the host must cap them, not keep them all.
(module
  (import "wedge" "log" (func $log (param i32 i32 i32) (result i32)))
  (import "wedge" "response_write" (func $write (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "ok")
  (func (export "wedge_on_request") (result i32)
    (local $i i32)
    (local.set $i (i32.const 100000))
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $i)))
        (drop (call $log (i32.const 2) (i32.const 0) (i32.const 0)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $again)))
    (drop (call $write (i32.const 0) (i32.const 2)))
    (i32.const 0)))
