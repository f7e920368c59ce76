;; Benchmark guest: publishes the request body to queue "bus", topic "bench", without a key.
(module
  (import "wedge" "request_body_size" (func $size (param i32) (result i32)))
  (import "wedge" "request_body_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "wedge" "queue_publish"
    (func $publish (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "bus")
  (data (i32.const 16) "bench")
  (func (export "wedge_abi_version_1"))
  (func (export "wedge_on_request") (result i32)
    (drop (call $size (i32.const 32)))
    (drop (call $read (i32.const 0) (i32.const 1024) (i32.const 60000) (i32.const 36)))
    (call $publish (i32.const 0) (i32.const 3) (i32.const 16) (i32.const 5) (i32.const 0) (i32.const -1)
                   (i32.const 1024) (i32.load (i32.const 36)) (i32.const 0) (i32.const 0))))
