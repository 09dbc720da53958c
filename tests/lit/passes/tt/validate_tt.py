# validate-tt: int32 tensors are refused (no tile math for them here); the pass before it accepts the kernel.
# RUN: %tilec compile %s --target tt --stop-after=inline-parallel-lets | FileCheck %s --check-prefix=BEFORE
# RUN: not %tilec compile %s --target tt --stop-after=validate-tt 2>&1 | FileCheck %s --check-prefix=AFTER
import tilelang.language as T

@T.prim_func
def copy_int(A: T.Tensor((64, 64), "int32"), B: T.Tensor((64, 64), "int32")):
    with T.Kernel(2, 2) as (bx, by):
        tile = T.alloc_shared((32, 32), "int32")
        T.copy(A[by * 32, bx * 32], tile)
        T.copy(tile, B[by * 32, bx * 32])

# BEFORE: kernel copy_int(
# AFTER: error: {{.*}}int32
