# stage-global-accesses: an element-wise statement on global tensors gets staging tiles and
# explicit copies (DRAM is reached only by copies).
# RUN: %tilec compile %s --target tt --stop-after=stage-global-accesses | FileCheck %s --check-prefix=AFTER
# RUN: %tilec compile %s --target tt --stop-after=validate-tt | FileCheck %s --check-prefix=BEFORE
import tilelang.language as T

@T.prim_func
def add(A: T.Tensor((64, 64), "bfloat16"), B: T.Tensor((64, 64), "bfloat16"),
        C: T.Tensor((64, 64), "bfloat16")):
    with T.Kernel(2, 2) as (bx, by):
        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = A[by * 32 + i, bx * 32 + j] + B[by * 32 + i, bx * 32 + j]

# BEFORE-NOT: copy(
# AFTER: copy(A[
# AFTER: copy(B[
# AFTER: copy({{.*}} -> C[
