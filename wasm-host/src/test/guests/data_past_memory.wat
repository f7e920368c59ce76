;; An http app whose data segment lies past its one page of memory: it can never be instantiated, so it must be
;; refused when it is loaded, not answer 530 on every request.
(module
  (memory (export "memory") 1)
  (data (i32.const 65530) "0123456789")
  (func (export "wedge_on_request") (result i32)
    (i32.const 0)))
