;; An http app that checks it starts from its module's memory as written by the data segments, whatever the requests
;; before it did, and then changes all of it: values at a 4 KiB chunk boundary, a fill, a copy, and a grown page.
;; Answers 200 when every check passes; otherwise its handler returns the number of the check that failed.
(module
  (import "wedge" "response_set_status" (func $set_status (param i32) (result i32)))
  (memory (export "memory") 2 4)
  (data (i32.const 1024) "\07\00\00\00")
  (data (i32.const 4095) "\ab\cd") ;; straddles the first two chunks
  (func (export "wedge_on_request") (result i32)
    ;; what every request must find
    (if (i32.ne (memory.size) (i32.const 2)) (then (return (i32.const 1))))
    (if (i32.ne (i32.load (i32.const 1024)) (i32.const 7)) (then (return (i32.const 2))))
    (if (i32.ne (i32.load16_u (i32.const 4095)) (i32.const 0xcdab)) (then (return (i32.const 3))))
    (if (i64.ne (i64.load (i32.const 20000)) (i64.const 0)) (then (return (i32.const 4))))
    (if (i64.ne (i64.load (i32.const 30000)) (i64.const 0)) (then (return (i32.const 5))))
    ;; what every request leaves behind
    (i32.store (i32.const 1024) (i32.const 99))
    (i64.store (i32.const 4092) (i64.const -1))
    (memory.fill (i32.const 16000) (i32.const 0x55) (i32.const 10000))
    (memory.copy (i32.const 30000) (i32.const 4092) (i32.const 8))
    (if (i64.ne (i64.load (i32.const 30000)) (i64.const -1)) (then (return (i32.const 6))))
    (if (i32.ne (memory.grow (i32.const 1)) (i32.const 2)) (then (return (i32.const 7))))
    (if (i32.ne (i32.load (i32.const 131080)) (i32.const 0)) (then (return (i32.const 8))))
    (i32.store (i32.const 131080) (i32.const 123))
    (drop (call $set_status (i32.const 200)))
    (i32.const 0)))
