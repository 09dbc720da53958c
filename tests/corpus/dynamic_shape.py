# Corpus: a GEMM whose M is only known at run time (T.symbolic / T.dynamic), N and K fixed by
# the factory — the usual shape of LLM-serving kernels where the token count varies.
# tilec: --call "matmul_dyn_m(64, 64)" -D m=96
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def matmul_dyn_m(N, K, block_M=32, block_N=32, block_K=32, dtype="float16", accum_dtype="float"):
    M = T.symbolic("m")

    @T.prim_func
    def main(A: T.Tensor((M, K), dtype), B: T.Tensor((K, N), dtype), C: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.clear(C_local)
            for k in T.Pipelined(K // block_K, num_stages=2):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[by * block_M, bx * block_N])

    return main
