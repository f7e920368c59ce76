;; Hostile benchmark guest: takes 64 MiB of memory and writes one word per 4 KiB page of it, round and round,
;; until its deadline stops it (532 timeout): a core and the memory bus busy all the while.
(module
  (memory (export "memory") 1)
  (func (export "wedge_abi_version_1"))
  (func (export "wedge_on_request") (result i32)
    (local $at i32)
    (drop (memory.grow (i32.const 1023)))
    (loop $forever
      (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
      (local.set $at (i32.and (i32.add (local.get $at) (i32.const 4096)) (i32.const 0x3FFFFFF)))
      (br $forever))
    (i32.const 0)))
