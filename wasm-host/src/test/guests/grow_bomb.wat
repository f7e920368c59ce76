;; An http app that grows its memory 16 pages (1 MiB) at a time until memory.grow fails, then traps.
;; The host must cap the memory and answer 531 out-of-memory.
(module
  (memory (export "memory") 1)
  (func (export "wedge_on_request") (result i32)
    (block $full
      (loop $grow
        (br_if $full (i32.eq (memory.grow (i32.const 16)) (i32.const -1)))
        (br $grow)))
    unreachable))
