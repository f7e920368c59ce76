;; An http app that asks for a table of 100 million entries, then of 100,001 in all. Both must fail (-1): the
;; host caps tables. It answers 200 when they did, and traps (533) when the table grew.
(module
  (memory (export "memory") 1)
  (table $t 1 funcref)
  (func (export "wedge_on_request") (result i32)
    (if (i32.ne (table.grow $t (ref.null func) (i32.const 100000000)) (i32.const -1))
      (then unreachable))
    (if (i32.ne (table.grow $t (ref.null func) (i32.const 100000)) (i32.const -1))
      (then unreachable))
    (drop (table.grow $t (ref.null func) (i32.const 10)))
    (if (i32.ne (table.size $t) (i32.const 11))
      (then unreachable))
    (i32.const 0)))
