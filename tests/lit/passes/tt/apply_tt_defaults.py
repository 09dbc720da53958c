# apply-tt-defaults: a kernel without TT decorators gets the default schedule and sharding.
# RUN: %tilec compile %s --target tt --stop-after=verify | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt --stop-after=apply-tt-defaults | FileCheck %s --check-prefix=AFTER
import tilelang.language as T

@T.prim_func
def add(A: T.Tensor((64, 64), "bfloat16"), B: T.Tensor((64, 64), "bfloat16")):
    with T.Kernel(2, 2) as (bx, by):
        tile = T.alloc_shared((32, 32), "bfloat16")
        T.copy(A[by * 32, bx * 32], tile)
        T.copy(tile, B[by * 32, bx * 32])

# BEFORE-NOT: annotate_tt
# AFTER: @annotate_tt_schedule(
# AFTER-SAME: policy="contiguous"
# AFTER: @annotate_tt_sharding(
