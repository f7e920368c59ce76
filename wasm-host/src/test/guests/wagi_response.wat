;; A WAGI app that tries the http response imports: they answer UNSUPPORTED (6), which it prints.
(module
  (import "wedge" "response_set_status" (func $status (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\10\00\00\00\1e\00\00\00")
  (data (i32.const 16) "Content-Type: text/plain\n\nrc=?")
  (func (export "_start")
    (i32.store8 (i32.const 45) (i32.add (i32.const 48) (call $status (i32.const 404))))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
