;; Hostile benchmark guest: adds 100 response headers of 1 MiB each ("x-bomb: aaaa..."), then answers 200.
(module
  (import "wedge" "response_add_header" (func $add (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 17)
  (data (i32.const 0) "x-bomb")
  (func (export "wedge_abi_version_1"))
  (func (export "wedge_on_request") (result i32)
    (local $i i32)
    ;; the value: 1 MiB of 'a' from offset 64 KiB
    (local.set $i (i32.const 0))
    (block $filled
      (loop $fill
        (br_if $filled (i32.ge_u (local.get $i) (i32.const 1048576)))
        (i32.store (i32.add (i32.const 65536) (local.get $i)) (i32.const 0x61616161))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $fill)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $i) (i32.const 100)))
        (drop (call $add (i32.const 0) (i32.const 6) (i32.const 65536) (i32.const 1048576)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $again)))
    (i32.const 0)))
