# RUN: not %tilec compile %s -D N=64 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(N, N), "float32"]):
    with T.Kernel(1) as bx:
        for i in T.Parallel(N):
            A[i] = 0.0
# CHECK: eval_wrong_rank.py:8:13: error: A has rank 2 but the store gives 1 index
