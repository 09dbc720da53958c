# Corpus: "NT" GEMM (B stored as N x K, the nn.Linear weight layout) in bfloat16, C = A @ B^T,
# 256 threads per block, block sizes with defaults, dtypes as T.* constants.
# tilec: --call "linear(128, 96, 64)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def linear(M, N, K, block_M=64, block_N=32, block_K=32, in_dtype=T.bfloat16, out_dtype=T.float32):

    @T.prim_func
    def main(
            X: T.Tensor((M, K), in_dtype),
            W: T.Tensor((N, K), in_dtype),
            Y: T.Tensor((M, N), out_dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=256) as (bx, by):
            X_shared = T.alloc_shared((block_M, block_K), in_dtype)
            W_shared = T.alloc_shared((block_N, block_K), in_dtype)
            acc = T.alloc_fragment((block_M, block_N), T.float32)
            T.clear(acc)
            for ko in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                T.copy(X[by * block_M, ko * block_K], X_shared)
                T.copy(W[bx * block_N, ko * block_K], W_shared)
                T.gemm(X_shared, W_shared, acc, transpose_B=True)
            T.copy(acc, Y[by * block_M, bx * block_N])

    return main


if __name__ == "__main__":
    import torch
    M, N, K = 1024, 1024, 1024
    kernel = linear(M, N, K)
    x = torch.randn(M, K, dtype=torch.bfloat16, device="cuda")
    w = torch.randn(N, K, dtype=torch.bfloat16, device="cuda")
    y = kernel(x, w)
    torch.testing.assert_close(y, (x @ w.T).float(), rtol=1e-2, atol=1e-2)
    print("All checks pass.")
