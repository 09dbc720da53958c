# Tiled fp16 GEMM with fp32 accumulation: C = A @ B, as TileLang users write it. On CUDA the
# block's gemm runs on tensor cores (ldmatrix + mma.sync m16n8k16) and the K loop's copies are
# cp.async, num_stages deep.
# tilec: --call "matmul(256, 256, 256, 128, 128, 32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def matmul(M, N, K, block_M, block_N, block_K, dtype="float16", accum_dtype="float32", num_stages=3, threads=128,
           enable_rasterization=False):
    @T.prim_func
    def gemm(
        A: T.Tensor((M, K), dtype),
        B: T.Tensor((K, N), dtype),
        C: T.Tensor((M, N), accum_dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=threads) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            # Blocks in panels of 10 rows share A and B tiles in L2 (a real GPU's speed only).
            T.use_swizzle(panel_size=10, enable=enable_rasterization)

            T.clear(C_local)
            for ko in T.Pipelined(T.ceildiv(K, block_K), num_stages=num_stages):
                T.copy(A[by * block_M, ko * block_K], A_shared)
                T.copy(B[ko * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)

            T.copy(C_local, C[by * block_M, bx * block_N])

    return gemm


def main():
    import torch

    kernel = matmul(1024, 1024, 1024, 128, 128, 32)
    a = torch.randn(1024, 1024, device="cuda", dtype=torch.float16)
    b = torch.randn(1024, 1024, device="cuda", dtype=torch.float16)
    c = kernel(a, b)
    torch.testing.assert_close(c, (a @ b).float(), rtol=1e-2, atol=1e-2)


if __name__ == "__main__":
    main()
