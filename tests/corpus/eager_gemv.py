# Corpus (eager style): matrix-vector product y = A x, a block of output rows per program, the
# reduction over K walked in chunks with a per-row accumulator.
# tilec: --call "gemv.compile(M=128, K=96, block_M=32, block_K=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def gemv(A, x, block_M, block_K, dtype=T.float16, accum_dtype=T.float32):
    M, K = T.const("M, K")
    A: T.Tensor((M, K), dtype)
    x: T.Tensor((K,), dtype)
    y = T.empty((M,), dtype)

    with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
        a = T.alloc_fragment((block_M, block_K), accum_dtype)
        xs = T.alloc_shared((block_K,), dtype)
        part = T.alloc_fragment((block_M,), accum_dtype)
        acc = T.alloc_fragment((block_M,), accum_dtype)
        T.clear(acc)
        for k in T.serial(T.ceildiv(K, block_K)):
            T.copy(A[bx * block_M, k * block_K], a)
            T.copy(x[k * block_K], xs)
            for i, j in T.Parallel(block_M, block_K):
                a[i, j] = a[i, j] * xs[j]
            T.reduce_sum(a, part, dim=1)
            for i in T.Parallel(block_M):
                acc[i] += part[i]
        T.copy(acc, y[bx * block_M])

    return y
