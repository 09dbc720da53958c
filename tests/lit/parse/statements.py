# RUN: %tilec compile %s --emit ast | FileCheck %s
# One of every statement kind the parser knows.
from .. import pkg as p
# CHECK: from .. import pkg as p
a = b = 1
# CHECK-NEXT: assign a = b = 1
a, *b = c
# CHECK-NEXT: assign (tuple a (* b)) = c
n: int = 3
# CHECK-NEXT: annassign n : int = 3
n <<= 2
# CHECK-NEXT: augassign n <<= 2
del a[0], b
# CHECK-NEXT: del (sub a 0) b
class K(Base):
    """doc"""
    def f(self, /, x: "T.PrimFunc" = None, *, y, **kw) -> int:
        global g
        nonlocal h
        return x
# CHECK-NEXT: class K(Base)
# CHECK-NEXT:   expr "doc"
# CHECK-NEXT:   def f(self, /, x: "T.PrimFunc" = None, *, y, **kw) -> int
# CHECK-NEXT:     global g
# CHECK-NEXT:     nonlocal h
# CHECK-NEXT:     return x
for i in range(3):
    continue
else:
    pass
# CHECK-NEXT: for i in (call range 3)
# CHECK-NEXT:   continue
# CHECK-NEXT: else
# CHECK-NEXT:   pass
while True: break
# CHECK-NEXT: while True
# CHECK-NEXT:   break
with a as (x, y), b:
    raise E("m") from None
# CHECK-NEXT: with a as (tuple x y), b
# CHECK-NEXT:   raise (call E "m") from None
try:
    import os.path as osp
except (A, B) as e:
    assert False, f"{e!r}"
finally:
    pass
# CHECK-NEXT: try
# CHECK-NEXT:   import os.path as osp
# CHECK-NEXT: except (tuple A B) as e
# CHECK-NEXT:   assert False, (fstring (fmt e !r))
# CHECK-NEXT: finally
# CHECK-NEXT:   pass
squares = [v * v for v in range(4) if v % 2]
# CHECK-NEXT: assign squares = (listcomp (* v v) (for v (call range 4) (if (% v 2))))
