# Reducing a whole 1-D fragment leaves one element (dim 0 and dim -1 are the same dimension); the
# IR names the dimension of the source as written.
# RUN: %tilec compile %s --emit ir | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(64,), "float32"], B: T.Buffer[(64,), "float32"]):
    with T.Kernel(1) as bx:
        x = T.alloc_fragment((64,), "float32")
        m = T.alloc_fragment((1,), "float32")
        s = T.alloc_fragment((1,), "float32")
        T.copy(A, x)
        T.reduce_max(x, m, dim=0)
        T.reduce_sum(x, s, dim=-1, clear=False)
        for i in T.Parallel(64):
            B[i] = (x[i] - m[0]) / s[0]

# CHECK-LABEL: body:
# CHECK-NEXT: copy(A[0 +: 64] -> x[0 +: 64])
# CHECK-NEXT: reduce_max(x[0 +: 64] -> m[0 +: 1], dim=0)
# CHECK-NEXT: reduce_sum(x[0 +: 64] -> s[0 +: 1], dim=0, accumulate)
# CHECK-NEXT: map(i) B[0 +: 64] = (x[i] - m[0]) / s[0]
