;; Benchmark guest: an http app whose handler makes one host call per byte of the request body
;; (wedge.request_body_size, the cheapest import). Timing it with bodies of 0 and N bytes gives the cost of a
;; guest-to-host call: (t(N) - t(0)) / N.
(module
  (import "wedge" "request_body_size" (func $body_size (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "wedge_abi_version_1"))
  (func (export "wedge_on_request") (result i32)
    (local $n i32)
    (drop (call $body_size (i32.const 0)))
    (local.set $n (i32.load (i32.const 0)))
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $n)))
        (drop (call $body_size (i32.const 8)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $again)))
    (i32.const 0)))
