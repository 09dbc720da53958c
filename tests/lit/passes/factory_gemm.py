# Factory style: start-only T.copy regions get their extents from the tile (infer-copy-regions),
# the epilogue nest becomes a map, and symbolic tile sizes are specialised by --call.
# RUN: %tilec compile %s --call "scaled_matmul(256, 256, 512, 64, 64, 32)" --emit ir --print-after-all 2>&1 | FileCheck %s
import tilelang
import tilelang.language as T

@tilelang.jit(out_idx=[-1])
def scaled_matmul(M, N, K, bm, bn, bk, dtype="bfloat16", acc="float32"):
    @T.prim_func
    def kernel(X: T.Tensor((M, K), dtype), W: T.Tensor((K, N), dtype), Y: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, bn), T.ceildiv(M, bm), threads=128) as (bx, by):
            xs = T.alloc_shared((bm, bk), dtype)
            ws = T.alloc_shared((bk, bn), dtype)
            acc_tile = T.alloc_fragment((bm, bn), acc)
            T.clear(acc_tile)
            for ko in T.Pipelined(T.ceildiv(K, bk), num_stages=2):
                T.copy(X[by * bm, ko * bk], xs)
                T.copy(W[ko * bk, bx * bn], ws)
                T.gemm(xs, ws, acc_tile)
            for i, j in T.Parallel(bm, bn):
                acc_tile[i, j] = T.max(acc_tile[i, j], 0)
            T.copy(acc_tile, Y[by * bm, bx * bn])
    return kernel

# CHECK-LABEL: // ---- after simplify ----
# CHECK: copy(X[by * 64, ko * 32] -> xs[0 +: 64, 0 +: 32])
# CHECK-LABEL: // ---- after infer-copy-regions ----
# CHECK: copy(X[by * 64 +: 64, ko * 32 +: 32] -> xs[0 +: 64, 0 +: 32])
# CHECK: copy(W[ko * 32 +: 32, bx * 64 +: 64] -> ws[0 +: 32, 0 +: 64])
# CHECK: copy(acc_tile[0 +: 64, 0 +: 64] -> Y[by * 64 +: 64, bx * 64 +: 64])
# CHECK-LABEL: // ---- after raise-tile-ops ----
# CHECK: map(i, j) acc_tile[0 +: 64, 0 +: 64] = max(acc_tile[i, j]
# CHECK-LABEL: // ---- after verify ----
