# Corpus (eager style): GEMM whose M is only known at run time (T.dynamic) while N and K are
# compile-time consts: one compiled kernel for every batch of rows.
# tilec: --call "matmul_dyn.compile(N=64, K=64, block_M=32, block_N=32, block_K=32)" -D M=96
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def matmul_dyn(A, B, block_M, block_N, block_K, dtype=T.float16, accum_dtype=T.float32):
    M = T.dynamic("M")
    N, K = T.const("N, K")
    A: T.Tensor((M, K), dtype)
    B: T.Tensor((K, N), dtype)
    C = T.empty((M, N), dtype)

    with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
        a = T.alloc_shared((block_M, block_K), dtype)
        b = T.alloc_shared((block_K, block_N), dtype)
        c = T.alloc_fragment((block_M, block_N), accum_dtype)
        T.clear(c)
        for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
            T.copy(A[by * block_M, k * block_K], a)
            T.copy(B[k * block_K, bx * block_N], b)
            T.gemm(a, b, c)
        T.copy(c, C[by * block_M, bx * block_N])

    return C
