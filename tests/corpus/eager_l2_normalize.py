# Corpus (eager style): L2-normalise each row (x / max(||x||, eps)), the embedding normalisation
# of retrieval models.
# tilec: --call "l2norm.compile(M=96, N=64, block_M=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def l2norm(X, block_M, eps=1e-12, dtype=T.float32):
    M, N = T.const("M, N")
    X: T.Tensor((M, N), dtype)
    Y = T.empty((M, N), dtype)

    with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
        x = T.alloc_fragment((block_M, N), dtype)
        sq = T.alloc_fragment((block_M, N), dtype)
        norm = T.alloc_fragment((block_M,), dtype)
        T.copy(X[bx * block_M, 0], x)
        for i, j in T.Parallel(block_M, N):
            sq[i, j] = x[i, j] * x[i, j]
        T.reduce_sum(sq, norm, dim=1)
        for i in T.Parallel(block_M):
            norm[i] = 1.0 / T.max(T.sqrt(norm[i]), eps)
        for i, j in T.Parallel(block_M, N):
            x[i, j] = x[i, j] * norm[i]
        T.copy(x, Y[bx * block_M, 0])

    return Y
