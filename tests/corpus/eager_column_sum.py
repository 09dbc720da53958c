# Corpus (eager style): column sums of a tall matrix (reduce along dim 0), each program owning a
# band of columns and walking every row block.
# tilec: --call "column_sum.compile(M=128, N=64, block_M=32, block_N=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def column_sum(X, block_M, block_N, dtype=T.float32):
    M, N = T.const("M, N")
    X: T.Tensor((M, N), dtype)
    S = T.empty((N,), dtype)

    with T.Kernel(T.ceildiv(N, block_N), threads=128) as bx:
        x = T.alloc_fragment((block_M, block_N), dtype)
        part = T.alloc_fragment((block_N,), dtype)
        acc = T.alloc_fragment((block_N,), dtype)
        T.clear(acc)
        for k in T.serial(T.ceildiv(M, block_M)):
            T.copy(X[k * block_M, bx * block_N], x)
            T.reduce_sum(x, part, dim=0)
            for j in T.Parallel(block_N):
                acc[j] += part[j]
        T.copy(acc, S[bx * block_N])

    return S
