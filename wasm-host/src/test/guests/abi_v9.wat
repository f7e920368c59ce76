;; An http app that declares only ABI version 9: the host must refuse it ("unsupported ABI version 9").
(module
  (memory (export "memory") 1)
  (func (export "wedge_on_request") (result i32) (i32.const 0))
  (func (export "wedge_abi_version_9")))
