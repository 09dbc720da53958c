# Corpus: weight-only int8 quantised GEMM — B is int8 with one fp16 scale per output column; the
# block dequantises its B tile into fp16 shared memory before the tensor-core gemm.
# tilec: --call "dequant_matmul(64, 64, 128, 64, 64, 32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def dequant_matmul(M, N, K, block_M, block_N, block_K, in_dtype="float16", storage_dtype="int8",
                   accum_dtype="float32", num_stages=2):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), in_dtype),
            B: T.Tensor((K, N), storage_dtype),
            Scale: T.Tensor((N,), in_dtype),
            C: T.Tensor((M, N), in_dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), in_dtype)
            B_q = T.alloc_shared((block_K, block_N), storage_dtype)
            B_dequant = T.alloc_shared((block_K, block_N), in_dtype)
            scale_local = T.alloc_fragment((block_N,), in_dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)

            T.copy(Scale[bx * block_N], scale_local)
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=num_stages):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_q)
                for i, j in T.Parallel(block_K, block_N):
                    B_dequant[i, j] = T.cast(B_q[i, j], in_dtype) * scale_local[j]
                T.gemm(A_shared, B_dequant, C_local)
            T.copy(C_local, C[by * block_M, bx * block_N])

    return main


if __name__ == "__main__":
    import torch
    M = N = K = 1024
    kernel = dequant_matmul(M, N, K, 128, 128, 32)
    a = torch.randn(M, K, dtype=torch.float16, device="cuda")
    b = torch.randint(-127, 127, (K, N), dtype=torch.int8, device="cuda")
    s = torch.rand(N, dtype=torch.float16, device="cuda") * 0.01
    torch.testing.assert_close(kernel(a, b, s), a @ (b.half() * s), rtol=1e-2, atol=1e-2)
