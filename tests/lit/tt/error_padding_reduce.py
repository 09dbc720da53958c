# Zero padding would enter a reduction: rejected with the reason.
# RUN: not %tilec compile %s --target tt -o %t 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def rowsum(A: T.Tensor((64, 80), "bfloat16"), S: T.Tensor((64,), "float32")):
    with T.Kernel(2) as bx:
        a = T.alloc_shared((32, 96), "bfloat16")
        s = T.alloc_fragment((32,), "float32")
        T.copy(A[bx * 32, 0], a)
        T.reduce_sum(a, s, dim=1)
        T.copy(s, S[bx * 32])

# CHECK: error: tensor 'A' has a dimension of 80 elements; this kernel reduces over tiles
