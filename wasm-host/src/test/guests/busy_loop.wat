;; App for the engine: auto tests: wedge_on_request computes for as long as its request asks, a loop of (request
;; body size x 100,000) rounds of integer mixing, so an empty request is a hello and a longer one a compute-heavy
;; run. The result goes to memory so that no engine can drop the loop.
(module
  (import "wedge" "request_body_size" (func $body_size (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "wedge_abi_version_1"))
  (func (export "wedge_on_request") (result i32)
    (local $rounds i64)
    (local $acc i64)
    (drop (call $body_size (i32.const 0)))
    (local.set $rounds (i64.mul (i64.extend_i32_u (i32.load (i32.const 0))) (i64.const 100000)))
    (local.set $acc (i64.const 1))
    (block $done
      (loop $round
        (br_if $done (i64.eqz (local.get $rounds)))
        (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 6364136223846793005))
          (i64.xor (local.get $rounds) (i64.shr_u (local.get $acc) (i64.const 29)))))
        (local.set $rounds (i64.sub (local.get $rounds) (i64.const 1)))
        (br $round)))
    (i64.store (i32.const 8) (local.get $acc))
    (i32.const 0)))
