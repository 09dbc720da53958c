# RUN: not %tilec compile %s --call "k(64)" 2>&1 | FileCheck %s
# A 3-D tensor read with two indices.
import tilelang.language as T

def k(n):
    @T.prim_func
    def kernel(A: T.Tensor((2, n, n), "float32"), B: T.Tensor((n, n), "float32")):
        with T.Kernel(1) as bx:
            for i, j in T.Parallel(n, n):
                B[i, j] = A[i, j] * 2.0
    return kernel
# CHECK: load_wrong_rank.py:10:27: error: A has rank 3 but is indexed with 2 indices
# CHECK-NEXT: {{^}}                B[i, j] = A[i, j] * 2.0
# CHECK-NEXT: {{^}}                          ^
