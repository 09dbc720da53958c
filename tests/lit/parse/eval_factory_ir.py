# RUN: %tilec compile %s --emit ir-raw | FileCheck %s
# The file's `# tilec:` line picks the factory call; sizes, dtypes and annotations reach the IR.
# tilec: --call "softmax_rows(128, 64)"
import tilelang
import tilelang.language as T
from tilelang.tt import annotate_tt_schedule


@tilelang.jit(out_idx=[-1])
def softmax_rows(M, N, block_M=32, dtype="bfloat16", accum="float32"):
    @annotate_tt_schedule(policy="strided")
    @T.prim_func
    def kernel(X: T.Tensor((M, N), dtype), Y: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(M, block_M)) as bx:
            tile = T.alloc_fragment((block_M, N), accum)
            row_max = T.alloc_fragment((block_M,), accum)
            T.copy(X[bx * block_M, 0], tile)
            T.reduce_max(tile, row_max, dim=1)
            for i, j in T.Parallel(block_M, N):
                tile[i, j] = T.exp(tile[i, j] - row_max[i])
            T.copy(tile, Y[bx * block_M, 0])
    return kernel

# CHECK:      kernel kernel(X: bfloat16[128, 64], Y: bfloat16[128, 64])
# CHECK-NEXT:   @annotate_tt_schedule(policy="strided")
# CHECK-NEXT:   @jit(out_idx=[-1])
# CHECK-NEXT:   grid bx < 4; threads 128
# CHECK-NEXT:   alloc tile: fragment float32[32, 64]
# CHECK-NEXT:   alloc row_max: fragment float32[32]
# CHECK-NEXT: body:
# CHECK-NEXT:   copy(X[bx * 32, 0] -> tile[0 +: 32, 0 +: 64])
# CHECK-NEXT:   reduce_max(tile[0 +: 32, 0 +: 64] -> row_max[0 +: 32], dim=1)
# CHECK-NEXT:   for i in parallel(32):
# CHECK-NEXT:     for j in parallel(64):
# CHECK-NEXT:       tile[i, j] = exp(tile[i, j] - row_max[i])
# CHECK-NEXT:   copy(tile[0 +: 32, 0 +: 64] -> Y[bx * 32, 0])
