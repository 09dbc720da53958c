# Factory-style GEMM (as TileLang's own examples write it) with a fused epilogue: bias added to
# every row, then ReLU, applied to the finished accumulator block before it is stored.
# Blocks of 64 or 128: --call "matmul_bias_relu(512, 512, 512, 128, 128, 64)".
# tilec: --call "matmul_bias_relu(256, 256, 256, 64, 128, 64)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def matmul_bias_relu(M, N, K, block_M=128, block_N=128, block_K=64, dtype="bfloat16", accum_dtype="float32"):
    @T.prim_func
    def kernel(A: T.Tensor((M, K), dtype),
               B: T.Tensor((K, N), dtype),
               bias: T.Tensor((N,), dtype),
               C: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            bias_shared = T.alloc_shared((block_N,), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.copy(bias[bx * block_N], bias_shared)
            T.clear(C_local)
            for ko in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                T.copy(A[by * block_M, ko * block_K], A_shared)
                T.copy(B[ko * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            for i, j in T.Parallel(block_M, block_N):
                C_local[i, j] = T.max(C_local[i, j] + bias_shared[j], 0)
            T.copy(C_local, C[by * block_M, bx * block_N])

    return kernel
