# Corpus: batched GEMM over 3-D tensors, one batch per grid z, tiles taken with slices
# A[bz, rows, cols] (the batch index drops out of the tile's shape).
# tilec: --call "bmm(2, 64, 64, 64, 32, 32, 32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def bmm(batch, M, N, K, block_M, block_N, block_K, dtype="float16", accum_dtype="float"):

    @T.prim_func
    def main(
            A: T.Tensor((batch, M, K), dtype),
            B: T.Tensor((batch, K, N), dtype),
            C: T.Tensor((batch, M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), batch, threads=128) as (bx, by, bz):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=3):
                T.copy(A[bz, by * block_M:(by + 1) * block_M, k * block_K:(k + 1) * block_K], A_shared)
                T.copy(B[bz, k * block_K:(k + 1) * block_K, bx * block_N:(bx + 1) * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[bz, by * block_M:(by + 1) * block_M, bx * block_N:(bx + 1) * block_N])

    return main


def main(batch=4, M=512, N=512, K=512):
    import torch
    kernel = bmm(batch, M, N, K, 128, 128, 32)
    a = torch.randn(batch, M, K).cuda().half()
    b = torch.randn(batch, K, N).cuda().half()
    torch.testing.assert_close(kernel(a, b), torch.bmm(a, b), rtol=1e-2, atol=1e-2)


if __name__ == "__main__":
    main()
