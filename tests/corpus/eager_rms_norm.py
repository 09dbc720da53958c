# Corpus: eager-style RMS norm, one block of rows per program — the row length is a T.const bound
# on the command line (-D N=...), the row count by .compile; the weight vector is a second input.
# tilec: --call "rms_norm.compile(M=64, block_M=16)" -D N=96
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def rms_norm(X, W, block_M, eps=1e-5):
    M, N = T.const("M N")
    dtype = T.float16
    X: T.Tensor((M, N), dtype)
    W: T.Tensor((N,), dtype)
    Y = T.empty((M, N), dtype)

    with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
        x = T.alloc_fragment((block_M, N), T.float32)
        sq = T.alloc_fragment((block_M, N), T.float32)
        w = T.alloc_shared((N,), dtype)
        ss = T.alloc_fragment((block_M,), T.float32)
        T.copy(X[bx * block_M, 0], x)
        T.copy(W, w)
        for i, j in T.Parallel(block_M, N):
            sq[i, j] = x[i, j] * x[i, j]
        T.reduce_sum(sq, ss, dim=1)
        for i in T.Parallel(block_M):
            ss[i] = T.rsqrt(ss[i] / N + eps)
        for i, j in T.Parallel(block_M, N):
            x[i, j] = x[i, j] * ss[i] * w[j]
        T.copy(x, Y[bx * block_M, 0])

    return Y
