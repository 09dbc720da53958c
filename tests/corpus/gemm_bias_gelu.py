# Corpus: GEMM with a fused epilogue — add a bias row, then a tanh-approximated GELU, computed in
# fp32 from the accumulator and cast to fp16 on the way out through a shared staging tile.
# tilec: --call "matmul_bias_gelu(128, 128, 64, 64, 64, 32)"
import tilelang
import tilelang.language as T


def matmul_bias_gelu(M, N, K, block_M, block_N, block_K, dtype="float16", accum_dtype="float32"):
    sqrt_2_over_pi = 0.7978845608

    @T.prim_func
    def main(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((K, N), dtype),
            Bias: T.Tensor((N,), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            bias_shared = T.alloc_shared((block_N,), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            C_shared = T.alloc_shared((block_M, block_N), dtype)

            T.copy(Bias[bx * block_N], bias_shared)
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=3):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)

            for i, j in T.Parallel(block_M, block_N):
                x = C_local[i, j] + T.cast(bias_shared[j], accum_dtype)
                inner = sqrt_2_over_pi * (x + 0.044715 * x * x * x)
                C_local[i, j] = 0.5 * x * (1.0 + T.tanh(inner))
            T.copy(C_local, C_shared)
            T.copy(C_shared, C[by * block_M, bx * block_N])

    return main


def ref_program(A, B, Bias):
    import torch
    return torch.nn.functional.gelu((A @ B).float() + Bias.float(), approximate="tanh").half()


if __name__ == "__main__":
    kernel = tilelang.compile(matmul_bias_gelu(1024, 1024, 1024, 128, 128, 32), out_idx=[-1])
    profiler = kernel.get_profiler()
    profiler.assert_allclose(ref_program, rtol=1e-2, atol=1e-2)
