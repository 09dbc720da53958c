# Corpus: a persistent GEMM (TileLang's T.Persistent): a fixed number of blocks — one per SM on a
# GPU — walk the output tiles in waves, grouped along N for L2 reuse; the last group overhangs N
# and the last wave overhangs the tiles, both guarded by T.Persistent itself.
# tilec: --call "matmul_persistent.compile(M=128, N=96, K=64, block_M=32, block_N=32, block_K=32, num_blocks=5, group_size=2)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def matmul_persistent(A, B, block_M, block_N, block_K, num_blocks, group_size=8, dtype=T.float16,
                      accum_dtype=T.float32):
    M, N, K = T.const("M, N, K")
    A: T.Tensor((M, K), dtype)
    B: T.Tensor((K, N), dtype)
    C = T.empty((M, N), dtype)

    with T.Kernel(num_blocks, threads=128) as block_id:
        A_shared = T.alloc_shared((block_M, block_K), dtype)
        B_shared = T.alloc_shared((block_K, block_N), dtype)
        C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
        for bm, bn in T.Persistent([T.ceildiv(M, block_M), T.ceildiv(N, block_N)], num_blocks, block_id,
                                   group_size=group_size):
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                T.copy(A[bm * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bn * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[bm * block_M, bn * block_N])
    return C


def main():
    import torch
    from tilelang.carver.arch import driver
    kernel = matmul_persistent.compile(M=4096, N=4096, K=4096, block_M=128, block_N=128, block_K=32,
                                       num_blocks=driver.get_num_sms())
    a = torch.randn(4096, 4096, dtype=torch.float16, device="cuda")
    b = torch.randn(4096, 4096, dtype=torch.float16, device="cuda")
    torch.testing.assert_close(kernel(a, b), a @ b, rtol=1e-2, atol=1e-2)


if __name__ == "__main__":
    main()
