;; Neither wedge_on_request nor _start: the host must refuse it at load time (530).
(module
  (memory (export "memory") 1))
