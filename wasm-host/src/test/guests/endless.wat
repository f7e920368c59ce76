;; App for cancellation tests. wedge_on_request never ends: it calls the host (request_body_size) in an endless
;; loop, so even an engine that cannot stop a running guest sees its run cancelled at the next call. spin calls
;; the host once (so a test knows it runs), then loops without calls, which only the engine can stop.
;; wedge_on_message logs "message handled" and succeeds.
(module
  (import "wedge" "request_body_size" (func $body_size (param i32) (result i32)))
  (import "wedge" "log" (func $log (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "message handled")
  (func (export "wedge_abi_version_1"))
  (func (export "wedge_on_request") (result i32)
    (loop $forever
      (drop (call $body_size (i32.const 0)))
      (br $forever))
    (i32.const 0))
  (func (export "wedge_on_message") (result i32)
    (drop (call $log (i32.const 2) (i32.const 16) (i32.const 15)))
    (i32.const 0))
  (func (export "spin") (result i32)
    (drop (call $body_size (i32.const 0)))
    (loop $forever
      (br $forever))
    (i32.const 0)))
