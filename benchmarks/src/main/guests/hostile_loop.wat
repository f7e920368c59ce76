;; Hostile benchmark guest: spins until its deadline stops it (532 timeout), holding a core all the while.
(module
  (memory (export "memory") 1)
  (func (export "wedge_abi_version_1"))
  (func (export "wedge_on_request") (result i32)
    (loop $forever
      (br $forever))
    (i32.const 0)))
