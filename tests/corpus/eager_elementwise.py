# Corpus: eager-style element-wise kernel over run-time sizes — T.dynamic declares two symbolic
# sizes at once, the tiles hang off the edge (sizes need not divide the block), and the output
# comes back from T.empty. The sizes are given to `tilec run` with -D.
# tilec: --call "scaled_add(block_M=16, block_N=32)" -D M=40 -D N=72
import tilelang
import tilelang.language as T


@tilelang.jit
def scaled_add(X, Y, block_M=32, block_N=32, alpha=0.5, dtype="float32"):
    M, N = T.dynamic("M, N")
    X: T.Tensor((M, N), dtype)
    Y: T.Tensor[(M, N), dtype]
    Z = T.empty((M, N), dtype)

    with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
        x = T.alloc_fragment((block_M, block_N), dtype)
        y = T.alloc_fragment((block_M, block_N), dtype)
        T.copy(X[by * block_M, bx * block_N], x)
        T.copy(Y[by * block_M, bx * block_N], y)
        for i, j in T.Parallel(block_M, block_N):
            x[i, j] = x[i, j] * alpha + T.max(y[i, j], 0.0)
        T.copy(x, Z[by * block_M, bx * block_N])

    return Z
