# Corpus (eager style): the fused residual-add + RMS norm of a transformer block — writes the new
# residual stream and its normalised copy, two outputs returned together.
# tilec: --call "add_rms_norm.compile(M=64, N=96, block_M=32)"
import tilelang
import tilelang.language as T


@tilelang.jit
def add_rms_norm(X, R, W, block_M, eps=1e-6, dtype=T.bfloat16):
    M, N = T.const("M, N")
    X: T.Tensor((M, N), dtype)
    R: T.Tensor((M, N), dtype)
    W: T.Tensor((N,), dtype)
    H = T.empty((M, N), dtype)
    Y = T.empty((M, N), dtype)

    with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
        h = T.alloc_fragment((block_M, N), T.float32)
        r = T.alloc_fragment((block_M, N), T.float32)
        sq = T.alloc_fragment((block_M, N), T.float32)
        w = T.alloc_shared((N,), dtype)
        ms = T.alloc_fragment((block_M,), T.float32)
        T.copy(X[bx * block_M, 0], h)
        T.copy(R[bx * block_M, 0], r)
        T.copy(W, w)
        for i, j in T.Parallel(block_M, N):
            h[i, j] = h[i, j] + r[i, j]
        T.copy(h, H[bx * block_M, 0])
        for i, j in T.Parallel(block_M, N):
            sq[i, j] = h[i, j] * h[i, j]
        T.reduce_sum(sq, ms, dim=1)
        for i in T.Parallel(block_M):
            ms[i] = T.rsqrt(ms[i] / N + eps)
        for i, j in T.Parallel(block_M, N):
            h[i, j] = h[i, j] * ms[i] * w[j]
        T.copy(h, Y[bx * block_M, 0])

    return H, Y
