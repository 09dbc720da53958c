# RUN: not %tilec compile %s --call "k(2, 64)" 2>&1 | FileCheck %s
# A 4-D tensor sliced with three subscripts in a copy (the head index is missing).
import tilelang.language as T

def k(b, n):
    @T.prim_func
    def kernel(Q: T.Tensor((b, 2, n, 32), "float16"), O: T.Tensor((b, 2, n, 32), "float16")):
        with T.Kernel(T.ceildiv(n, 32), 2, b) as (bx, by, bz):
            Q_s = T.alloc_shared((32, 32), "float16")
            T.copy(Q[bz, bx * 32:(bx + 1) * 32, :], Q_s)
            T.copy(Q_s, O[bz, by, bx * 32:(bx + 1) * 32, :])
    return kernel
# CHECK: slice_copy_wrong_rank.py:10:20: error: Q has rank 4 but is indexed with 3 indices
# CHECK-NEXT: {{^}}            T.copy(Q[bz, bx * 32:(bx + 1) * 32, :], Q_s)
# CHECK-NEXT: {{^}}                   ^
