# raise-scalar-code: serial/vectorized element loops whose iterations are independent become
# tile ops, stores of one element become a fill or a map over a one-element tile (and a copy when
# the element is a tensor's); a loop whose iterations depend on each other stays as written.
# RUN: %tilec compile %s --target tt --stop-after=inline-parallel-lets | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt --stop-after=raise-scalar-code | FileCheck %s --check-prefix=AFTER
import tilelang.language as T

@T.prim_func
def scalar_code(A: T.Tensor((64,), "float32"), L: T.Tensor((2,), "float32"),
                P: T.Tensor((64,), "float32")):
    with T.Kernel(2) as bx:
        a = T.alloc_fragment((32,), "float32")
        m = T.alloc_fragment((1,), "float32")
        l = T.alloc_fragment((1,), "float32")
        for k in T.vectorized(32):
            a[k] = A[bx * 32 + k]
        T.reduce_max(a, m)
        l[0] = 1.0
        l[0] = l[0] * T.exp(m[0]) + 2.0
        for k in T.serial(31):
            a[k + 1] = a[k + 1] + a[k]
        L[bx] = T.log(l[0]) + m[0]
        T.copy(a, P[bx * 32])

# BEFORE: for k in serial(32):
# BEFORE-NEXT: a[k] = A[bx * 32 + k]
# BEFORE: l[0] = 1.0
# BEFORE-NEXT: l[0] = l[0] * exp(m[0]) + 2.0
# BEFORE: L[bx] = log(l[0]) + m[0]

# AFTER: alloc L_elem: fragment float32[1]
# AFTER: copy(A[bx * 32 +: 32] -> a[0 +: 32])
# AFTER-NEXT: reduce_max
# (restore-unit-axes, just before, already made the stores into the one-element tile l maps)
# AFTER-NEXT: map(i) l[0 +: 1] = 1.0
# AFTER-NEXT: map(i) l[0 +: 1] = l[0] * exp(m[0]) + 2.0
# AFTER-NEXT: for k in serial(31):
# AFTER-NEXT: a[k + 1] = a[k + 1] + a[k]
# AFTER-NEXT: map(_u0) L_elem[0 +: 1] = log(l[0]) + m[0]
# AFTER-NEXT: copy(L_elem[0 +: 1] -> L[bx +: 1])
