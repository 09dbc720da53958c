# RUN: %tilec compile %s --emit ast | FileCheck %s
# Operator precedence and associativity follow Python's grammar.
x = a + b * c ** -d ** e
# CHECK: assign x = (+ a (* b (** c (neg (** d e)))))
x = a | b ^ c & d << e - f // g
# CHECK: assign x = (| a (^ b (& c (<< d (- e (// f g))))))
x = not a < b <= c or d and e
# CHECK: assign x = (or (not (compare a < b <= c)) (and d e))
x = a if b else c if d else e
# CHECK: assign x = (ifexp b a (ifexp d c e))
x = lambda y, *r, k=1, **kw: y @ k
# CHECK: assign x = (lambda (y, *r, k = 1, **kw) (@ y k))
x = -a.b[c](d) ** 2
# CHECK: assign x = (neg (** (call (sub (. a b) c) d) 2))
x = a is not None and b not in c
# CHECK: assign x = (and (compare a is not None) (compare b not in c))
