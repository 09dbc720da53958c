# infer-vector-layouts: a row reduction's 1-D result is a column vector (column 0 of its tiles).
# RUN: %tilec compile %s --target tt --stop-after=chunk-k-loops | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt --stop-after=infer-vector-layouts | FileCheck %s --check-prefix=AFTER
import tilelang.language as T


@T.prim_func
def row_sum(A: T.Tensor((64, 64), "bfloat16"), S: T.Tensor((64,), "float32")):
    with T.Kernel(2) as bx:
        A_shared = T.alloc_shared((32, 64), "bfloat16")
        sums = T.alloc_fragment((32,), "float32")
        T.copy(A[bx * 32, 0], A_shared)
        T.reduce_sum(A_shared, sums, dim=1)
        T.copy(sums, S[bx * 32])

# BEFORE-NOT: vector layouts
# AFTER: // vector layouts
# AFTER: S: col
# AFTER: sums: col
