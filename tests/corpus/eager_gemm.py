# Corpus: the eager style (TileLang, May 2026) — the @tilelang.jit def is the kernel. Sizes come
# from T.const (bound here by .compile), tensor parameters are annotated in the body in both
# spellings, the output is made by T.empty and returned, and a @T.macro helper takes tensors and
# reads their dtype and shape.
# tilec: --call "matmul.compile(M=96, N=128, K=64, block_M=32, block_N=64, block_K=32)"
import tilelang
import tilelang.language as T


@T.macro
def stage_tile(src, row, col, dst):
    # dst's shape gives the extent; its dtype must match src's (checked at compile time)
    assert src.dtype == dst.dtype
    T.copy(src[row * dst.shape[0], col * dst.shape[1]], dst)


@tilelang.jit(out_idx=[-1])
def matmul(A, B, block_M, block_N, block_K, dtype=T.float16, accum_dtype=T.float32):
    M, N, K = T.const("M, N, K")

    A: T.Tensor((M, K), dtype)
    B: T.Tensor[[K, N], T.float16]
    C = T.empty((M, N), A.dtype)

    with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
        A_shared = T.alloc_shared((block_M, block_K), dtype)
        B_shared = T.alloc_shared((block_K, block_N), B.dtype)
        C_local = T.alloc_fragment((block_M, block_N), accum_dtype)

        T.clear(C_local)
        for ko in T.Pipelined(T.ceildiv(A.shape[1], block_K), num_stages=2):
            stage_tile(A, by, ko, A_shared)
            stage_tile(B, ko, bx, B_shared)
            T.gemm(A_shared, B_shared, C_local)
        T.copy(C_local, C[by * block_M, bx * block_N])

    return C


def main():
    import torch
    kernel = matmul.compile(M=1024, N=1024, K=1024, block_M=128, block_N=128, block_K=32)
    a = torch.randn(1024, 1024, dtype=torch.float16, device="cuda")
    b = torch.randn(1024, 1024, dtype=torch.float16, device="cuda")
    torch.testing.assert_close(kernel(a, b), a @ b, rtol=1e-2, atol=1e-2)


if __name__ == "__main__":
    main()
