;; App for the engine: auto tests and AutoEngineBenchmark: wedge_on_request computes for as long as its request
;; asks, (request body size x 100,000) rounds that each read, mix and write back 8 bytes of a 64 KiB table, so an
;; empty request is a hello and a longer one a compute-heavy run that uses its memory as real work does.
(module
  (import "wedge" "request_body_size" (func $body_size (param i32) (result i32)))
  (memory (export "memory") 2)
  (func (export "wedge_abi_version_1"))
  (func (export "wedge_on_request") (result i32)
    (local $rounds i64)
    (local $acc i64)
    (local $at i32)
    (drop (call $body_size (i32.const 0)))
    (local.set $rounds (i64.mul (i64.extend_i32_u (i32.load (i32.const 0))) (i64.const 100000)))
    (local.set $acc (i64.const 1))
    (block $done
      (loop $round
        (br_if $done (i64.eqz (local.get $rounds)))
        (local.set $at (i32.add (i32.const 65536)
          (i32.and (i32.wrap_i64 (i64.shr_u (local.get $acc) (i64.const 32))) (i32.const 0xfff8))))
        (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 6364136223846793005))
          (i64.xor (i64.load (local.get $at)) (local.get $rounds))))
        (i64.store (local.get $at) (local.get $acc))
        (local.set $rounds (i64.sub (local.get $rounds) (i64.const 1)))
        (br $round)))
    (i32.const 0)))
