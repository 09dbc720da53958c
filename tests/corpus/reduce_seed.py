# Corpus (seed style): column sums of a free-size matrix — each thread of a T.Parallel row walks
# the rows with a serial loop into a local accumulator (T.alloc_local), then stores.
# tilec: -D M=64 -D N=96
import tilelang.language as T


@T.prim_func
def col_sum(A: T.Buffer[(M, N), "float32"], S: T.Buffer[(N,), "float32"]):
    with T.Kernel(T.ceildiv(N, 32), threads=32) as bx:
        acc = T.alloc_local((32,), "float32")
        for j in T.Parallel(32):
            acc[j] = 0.0
        for i in T.serial(M):
            for j in T.Parallel(32):
                acc[j] += A[i, bx * 32 + j]
        for j in T.Parallel(32):
            S[bx * 32 + j] = acc[j]
