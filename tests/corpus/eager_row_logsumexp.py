# Corpus (eager style): row-wise log-sum-exp, the stable way (subtract the row max), the core of
# a cross-entropy loss; one output per row.
# tilec: --call "logsumexp.compile(M=64, N=128, block_M=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def logsumexp(X, block_M, dtype=T.float32):
    M, N = T.const("M, N")
    X: T.Tensor((M, N), dtype)
    L = T.empty((M,), dtype)

    with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
        x = T.alloc_fragment((block_M, N), T.float32)
        m = T.alloc_fragment((block_M,), T.float32)
        s = T.alloc_fragment((block_M,), T.float32)
        T.copy(X[bx * block_M, 0], x)
        T.reduce_max(x, m, dim=1)
        for i, j in T.Parallel(block_M, N):
            x[i, j] = T.exp(x[i, j] - m[i])
        T.reduce_sum(x, s, dim=1)
        for i in T.Parallel(block_M):
            s[i] = T.log(s[i]) + m[i]
        T.copy(s, L[bx * block_M])

    return L
