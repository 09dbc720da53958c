# Corpus: GEMM whose sizes do not divide the block (M=100, N=72, K=40 with 64x64x32 blocks). The
# copies are bounds-checked by T.copy itself; the epilogue scales by alpha and guards its own
# global stores explicitly, the way hand-written tails look.
# tilec: --call "gemm_tail(100, 72, 40)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def gemm_tail(M, N, K, block_M=64, block_N=64, block_K=32, alpha=0.5, dtype="float16",
              accum_dtype="float"):

    @T.prim_func
    def main(A: T.Tensor((M, K), dtype), B: T.Tensor((K, N), dtype), C: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            for i, j in T.Parallel(block_M, block_N):
                row = by * block_M + i
                col = bx * block_N + j
                if row < M and col < N:
                    C[row, col] = T.cast(C_local[i, j] * alpha, dtype)

    return main
