# Corpus (eager style): broadcasting — add a per-row and a per-column bias to a matrix and scale
# by a compile-time float parameter.
# tilec: --call "bias2d.compile(M=64, N=96, block_M=32, block_N=32, alpha=0.5)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def bias2d(X, row_bias, col_bias, block_M, block_N, alpha=1.0, dtype=T.float32):
    M, N = T.const("M, N")
    X: T.Tensor((M, N), dtype)
    row_bias: T.Tensor((M,), dtype)
    col_bias: T.Tensor((N,), dtype)
    Y = T.empty((M, N), dtype)

    with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
        x = T.alloc_fragment((block_M, block_N), dtype)
        rb = T.alloc_fragment((block_M,), dtype)
        cb = T.alloc_fragment((block_N,), dtype)
        T.copy(X[by * block_M, bx * block_N], x)
        T.copy(row_bias[by * block_M], rb)
        T.copy(col_bias[bx * block_N], cb)
        for i, j in T.Parallel(block_M, block_N):
            x[i, j] = (x[i, j] + rb[i] + cb[j]) * alpha
        T.copy(x, Y[by * block_M, bx * block_N])

    return Y
