# Corpus: split-K GEMM in the eager style — the K dimension is cut into `split_k` slices, one per
# blockIdx.z, and each block adds its partial product into C with the region form of
# T.atomic_add (C is read and updated, so it is an annotated input, not a T.empty output). M is
# not a multiple of block_M: the last row block's update runs past C's edge and is clipped there.
# tilec: --call "matmul_splitk.compile(M=80, N=64, K=128, block_M=32, block_N=32, block_K=16, split_k=4)"
import tilelang
import tilelang.language as T


@tilelang.jit
def matmul_splitk(A, B, C, block_M, block_N, block_K, split_k, dtype=T.float16, accum_dtype=T.float32):
    M, N, K = T.const("M, N, K")

    A: T.Tensor((M, K), dtype)
    B: T.Tensor((K, N), dtype)
    C: T.Tensor((M, N), accum_dtype)
    slice_K = K // split_k

    with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), split_k, threads=128) as (bx, by, bz):
        A_shared = T.alloc_shared((block_M, block_K), dtype)
        B_shared = T.alloc_shared((block_K, block_N), dtype)
        C_local = T.alloc_fragment((block_M, block_N), accum_dtype)

        T.clear(C_local)
        for ko in T.Pipelined(T.ceildiv(slice_K, block_K), num_stages=2):
            T.copy(A[by * block_M, bz * slice_K + ko * block_K], A_shared)
            T.copy(B[bz * slice_K + ko * block_K, bx * block_N], B_shared)
            T.gemm(A_shared, B_shared, C_local)
        T.atomic_add(C[by * block_M, bx * block_N], C_local)


def main():
    import torch
    kernel = matmul_splitk.compile(M=1024, N=1024, K=4096, block_M=128, block_N=128, block_K=32, split_k=4)
    a = torch.randn(1024, 4096, dtype=torch.float16, device="cuda")
    b = torch.randn(4096, 1024, dtype=torch.float16, device="cuda")
    c = torch.zeros(1024, 1024, dtype=torch.float32, device="cuda")
    kernel(a, b, c)
    torch.testing.assert_close(c, (a @ b).float(), rtol=1e-2, atol=1e-2)


if __name__ == "__main__":
    main()
