# RUN: %tilec compile %s --emit ir | FileCheck %s --check-prefix=IR
# RUN: %tilec run %s --target interp | FileCheck %s --check-prefix=EXEC
# T.copy bounds-checks its global side (TileLang semantics): with M=40 and 32-row blocks the
# second block's copies cross the tensor's edge; reads outside give 0 and writes outside are
# dropped, in the tile-op interpreter and in the expanded scalar path alike. The verifier accepts
# the region (its start is inside the tensor).
# tilec: --call "scale_rows(40, 48)"
import tilelang
import tilelang.language as T

@tilelang.jit(out_idx=[-1])
def scale_rows(M, N, block_M=32, block_N=32):
    @T.prim_func
    def main(A: T.Tensor((M, N), "float32"), B: T.Tensor((M, N), "float32")):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
            tile = T.alloc_shared((block_M, block_N), "float32")
            T.copy(A[by * block_M, bx * block_N], tile)
            for i, j in T.Parallel(block_M, block_N):
                tile[i, j] = tile[i, j] * 2.0 + 1.0
            T.copy(tile, B[by * block_M, bx * block_N])
    return main
# IR: grid bx < 2, by < 2
# IR: copy(A[by * 32 +: 32, bx * 32 +: 32] -> tile[0 +: 32, 0 +: 32])
# IR: copy(tile[0 +: 32, 0 +: 32] -> B[by * 32 +: 32, bx * 32 +: 32])
# EXEC: B: max_abs_err=0.000e+00 pcc=1.000000 ok
# EXEC-NEXT: PASS
