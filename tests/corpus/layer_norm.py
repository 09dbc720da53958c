# Corpus: LayerNorm in fp16 with fp32 statistics — mean and variance by two row reductions, then
# (x - mean) * rstd * gamma + beta. Statistics are written out too (the backward pass needs them).
# tilec: --call "layer_norm(64, 128)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[3, 4])
def layer_norm(M, N, block_M=8, eps=1e-5, dtype="float16", accum_dtype="float32"):

    @T.prim_func
    def main(
            X: T.Tensor((M, N), dtype),
            Gamma: T.Tensor((N,), dtype),
            Beta: T.Tensor((N,), dtype),
            Y: T.Tensor((M, N), dtype),
            Rstd: T.Tensor((M,), accum_dtype),
    ):
        with T.Kernel(T.ceildiv(M, block_M), threads=256) as bx:
            x = T.alloc_fragment((block_M, N), accum_dtype)
            x_in = T.alloc_shared((block_M, N), dtype)
            centered = T.alloc_fragment((block_M, N), accum_dtype)
            mean = T.alloc_fragment((block_M,), accum_dtype)
            var = T.alloc_fragment((block_M,), accum_dtype)
            y = T.alloc_fragment((block_M, N), dtype)

            T.copy(X[bx * block_M, 0], x_in)
            T.copy(x_in, x)
            T.reduce_sum(x, mean, dim=1)
            for i in T.Parallel(block_M):
                mean[i] = mean[i] / N
            for i, j in T.Parallel(block_M, N):
                centered[i, j] = (x[i, j] - mean[i]) * (x[i, j] - mean[i])
            T.reduce_sum(centered, var, dim=1)
            for i in T.Parallel(block_M):
                var[i] = T.rsqrt(var[i] / N + eps)
            for i, j in T.Parallel(block_M, N):
                y[i, j] = T.cast((x[i, j] - mean[i]) * var[i], dtype) * Gamma[j] + Beta[j]
            T.copy(y, Y[bx * block_M, 0])
            T.copy(var, Rstd[bx * block_M])

    return main


if __name__ == "__main__":
    import torch
    M, N = 4096, 4096
    kernel = layer_norm(M, N)
    x = torch.randn(M, N, dtype=torch.float16, device="cuda")
    g = torch.ones(N, dtype=torch.float16, device="cuda")
    b = torch.zeros(N, dtype=torch.float16, device="cuda")
    y, rstd = kernel(x, g, b)
    torch.testing.assert_close(y, torch.nn.functional.layer_norm(x, (N,), g, b), rtol=1e-2, atol=1e-2)
