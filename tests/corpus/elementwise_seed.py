# Corpus (seed style): a top-level kernel over free sizes M and N, scalar T.Parallel body with a
# scale-and-shift (y = x * s + b) and a clamp via T.min/T.max.
# tilec: -D M=96 -D N=128
import tilelang.language as T


@T.prim_func
def scale_shift_clamp(X: T.Buffer[(M, N), "float32"], S: T.Buffer[(N,), "float32"],
                      Bv: T.Buffer[(N,), "float32"], Y: T.Buffer[(M, N), "float32"]):
    with T.Kernel(T.ceildiv(N, 64), T.ceildiv(M, 32), threads=128) as (bx, by):
        for i, j in T.Parallel(32, 64):
            v = X[by * 32 + i, bx * 64 + j] * S[bx * 64 + j] + Bv[bx * 64 + j]
            Y[by * 32 + i, bx * 64 + j] = T.min(T.max(v, -1.0), 1.0)
