# Corpus (eager style): layer norm over rows — mean and variance by row reductions, then scale
# and shift by per-column gamma / beta; several rows per block.
# tilec: --call "layer_norm.compile(M=96, N=64, block_M=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def layer_norm(X, G, B, block_M, eps=1e-5, dtype=T.bfloat16):
    M, N = T.const("M, N")
    X: T.Tensor((M, N), dtype)
    G: T.Tensor((N,), dtype)
    B: T.Tensor((N,), dtype)
    Y = T.empty((M, N), dtype)

    with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
        x = T.alloc_fragment((block_M, N), T.float32)
        centered = T.alloc_fragment((block_M, N), T.float32)
        g = T.alloc_shared((N,), dtype)
        b = T.alloc_shared((N,), dtype)
        mean = T.alloc_fragment((block_M,), T.float32)
        var = T.alloc_fragment((block_M,), T.float32)
        T.copy(X[bx * block_M, 0], x)
        T.copy(G, g)
        T.copy(B, b)
        T.reduce_sum(x, mean, dim=1)
        for i in T.Parallel(block_M):
            mean[i] = mean[i] / N
        for i, j in T.Parallel(block_M, N):
            centered[i, j] = x[i, j] - mean[i]
        for i, j in T.Parallel(block_M, N):
            x[i, j] = centered[i, j] * centered[i, j]
        T.reduce_sum(x, var, dim=1)
        for i in T.Parallel(block_M):
            var[i] = T.rsqrt(var[i] / N + eps)
        for i, j in T.Parallel(block_M, N):
            x[i, j] = centered[i, j] * var[i] * g[j] + b[j]
        T.copy(x, Y[bx * block_M, 0])

    return Y
