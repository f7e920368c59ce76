;; Hostile benchmark guest: grows its memory a page at a time, touching each page, until the cap refuses the
;; next page, then traps (531 out-of-memory): every request allocates and fills the whole memory cap.
(module
  (memory (export "memory") 1)
  (func (export "wedge_abi_version_1"))
  (func (export "wedge_on_request") (result i32)
    (local $page i32)
    (block $full
      (loop $grow
        (local.set $page (memory.grow (i32.const 1)))
        (br_if $full (i32.eq (local.get $page) (i32.const -1)))
        (i32.store (i32.mul (local.get $page) (i32.const 65536)) (i32.const 0xA5A5A5A5))
        (br $grow)))
    unreachable))
