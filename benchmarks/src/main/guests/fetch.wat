;; fetch: an http benchmark guest. Its request body is a URL; it GETs that URL with wedge.http_send and fails
;; (returns 1) unless the answer is a 200. An empty body makes no call: the baseline of the same request.
(module
  (import "wedge" "request_body_read" (func $body_read (param i32 i32 i32 i32) (result i32)))
  (import "wedge" "http_send"
    (func $send (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wedge" "http_response_status" (func $status (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "GET")
  (func (export "wedge_abi_version_1"))
  (func (export "wedge_on_request") (result i32)
    ;; the URL at 64 (up to 1024 bytes), its length at 16
    (drop (call $body_read (i32.const 0) (i32.const 64) (i32.const 1024) (i32.const 16)))
    (if (i32.eqz (i32.load (i32.const 16)))
      (then (return (i32.const 0))))
    ;; the handle at 20
    (if (call $send (i32.const 0) (i32.const 3) (i32.const 64) (i32.load (i32.const 16))
          (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 20))
      (then (return (i32.const 1))))
    ;; the status at 24
    (drop (call $status (i32.load (i32.const 20)) (i32.const 24)))
    (i32.ne (i32.load (i32.const 24)) (i32.const 200))))
