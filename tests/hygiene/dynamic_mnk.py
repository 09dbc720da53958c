# Hygiene: TileLang's dynamic-shape GEMM as its example writes it. The runtime size K is named "k"
# (T.dynamic("k")) and the K loop's variable is also `k`: the emitted code must keep them apart,
# or the loop bound reads the loop variable (`for k < (k + 31) / 32`) and the loop runs zero times.
# tilec: --call "matmul_dynamic_mnk(32, 32, 32)" -D m=64 -D n=64 -D k=96
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def matmul_dynamic_mnk(block_M, block_N, block_K, dtype="bfloat16", accum_dtype="float"):
    M = T.dynamic("m")
    N = T.dynamic("n")
    K = T.dynamic("k")

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
            T.copy(C_local, C[by * block_M, bx * block_N])

    return main
