# The seed-style and factory-style examples of shared/reference/tilelang-language.md.

import tilelang.language as T

@T.prim_func
def add(A: T.Buffer[(M, N), "float16"], B: T.Buffer[(M, N), "float16"], C: T.Buffer[(M, N), "float16"]):
    with T.Kernel(T.ceildiv(M, 32), T.ceildiv(N, 32)) as (bx, by):
        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = A[by * 32 + i, bx * 32 + j] + B[by * 32 + i, bx * 32 + j]

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
                T.copy(X[by * bm, ko * bk], xs)          # region given by its start; extent = shape of xs
                T.copy(W[ko * bk, bx * bn], ws)
                T.gemm(xs, ws, acc_tile)                 # acc_tile += xs @ ws
            for i, j in T.Parallel(bm, bn):
                acc_tile[i, j] = T.max(acc_tile[i, j], 0)   # fused epilogue
            T.copy(acc_tile, Y[by * bm, bx * bn])
    return kernel
