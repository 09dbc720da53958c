# Corpus (seed style): a numerically stable row softmax written entirely with scalar loops over a
# free-size matrix: row max, sum of exponentials, normalise — one block per 16 rows.
# tilec: -D M=32 -D N=64
import tilelang.language as T


@T.prim_func
def softmax(X: T.Buffer[(M, N), "float32"], Y: T.Buffer[(M, N), "float32"]):
    with T.Kernel(T.ceildiv(M, 16), threads=128) as bx:
        mx = T.alloc_fragment((16,), "float32")
        sm = T.alloc_fragment((16,), "float32")
        for i in T.Parallel(16):
            mx[i] = -T.infinity("float32")
            sm[i] = 0.0
        for i in T.Parallel(16):
            for j in T.serial(N):
                mx[i] = T.max(mx[i], X[bx * 16 + i, j])
        for i in T.Parallel(16):
            for j in T.serial(N):
                sm[i] += T.exp(X[bx * 16 + i, j] - mx[i])
        for i, j in T.Parallel(16, N):
            Y[bx * 16 + i, j] = T.exp(X[bx * 16 + i, j] - mx[i]) / sm[i]
