;; Benchmark guest: a message handler that reads the payload size and consumes the message.
(module
  (import "wedge" "message_payload_size" (func $size (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "wedge_abi_version_1"))
  (func (export "wedge_on_message") (result i32)
    (call $size (i32.const 0))))
