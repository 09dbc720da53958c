# Corpus (eager style): the k largest values of each row, in descending order — k rounds of a
# row max, each followed by masking out the maximum it found (ties removed together).
# tilec: --call "topk.compile(M=64, N=64, k=4, block_M=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def topk(X, k, block_M, dtype=T.float32):
    M, N = T.const("M, N")
    X: T.Tensor((M, N), dtype)
    Values = T.empty((M, k), dtype)

    with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
        x = T.alloc_fragment((block_M, N), dtype)
        best = T.alloc_fragment((block_M,), dtype)
        out = T.alloc_fragment((block_M, k), dtype)
        T.copy(X[bx * block_M, 0], x)
        for r in T.serial(k):
            T.reduce_max(x, best, dim=1)
            for i in T.Parallel(block_M):
                out[i, r] = best[i]
            for i, j in T.Parallel(block_M, N):
                x[i, j] = T.if_then_else(x[i, j] == best[i], -T.infinity(dtype), x[i, j])
        T.copy(out, Values[bx * block_M, 0])

    return Values
