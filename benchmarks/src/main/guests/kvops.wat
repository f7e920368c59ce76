;; Benchmark guest: opens store "default", then by request method does nothing more (HEAD, the baseline),
;; reads key "k" (GET) or writes a 16-byte value to "k" (PUT). The cost of one store call from a guest is
;; t(GET or PUT) - t(HEAD), measured in the same invocation.
(module
  (import "wedge" "request_method" (func $method (param i32 i32 i32) (result i32)))
  (import "wedge" "kv_open" (func $open (param i32 i32 i32) (result i32)))
  (import "wedge" "kv_get" (func $get (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wedge" "kv_set" (func $set (param i32 i32 i32 i32 i32 i64) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "default")
  (data (i32.const 16) "k")
  (data (i32.const 32) "0123456789abcdef")
  (func (export "wedge_abi_version_1"))
  (func (export "wedge_on_request") (result i32)
    (local $m i32)
    (drop (call $method (i32.const 64) (i32.const 16) (i32.const 80)))
    (if (call $open (i32.const 0) (i32.const 7) (i32.const 96)) (then (return (i32.const 1))))
    (local.set $m (i32.load8_u (i32.const 64)))
    (if (i32.eq (local.get $m) (i32.const 71)) ;; 'G'
      (then (drop (call $get (i32.load (i32.const 96)) (i32.const 16) (i32.const 1)
                             (i32.const 128) (i32.const 64) (i32.const 100)))))
    (if (i32.eq (local.get $m) (i32.const 80)) ;; 'P'
      (then (return (call $set (i32.load (i32.const 96)) (i32.const 16) (i32.const 1)
                               (i32.const 32) (i32.const 16) (i64.const 0)))))
    (i32.const 0)))
