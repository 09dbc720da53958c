# Corpus: reducing a whole 1-D fragment into a one-element fragment (dim=0 or dim=-1 of a 1-D
# source; TileLang accepts both), then reading the value as m[0] in T.Parallel: a vector softmax,
# a min-max rescaling, and the peak of column sums (a vector laid out as a row on Tenstorrent), so
# every reduced value reaches an output. One block per segment of N elements.
# tilec: -D G=2 -D N=64
import tilelang.language as T


@T.prim_func
def vector_softmax(X: T.Tensor((G * N,), "float32"), B: T.Tensor((G * 32, N), "float32"),
                   Y: T.Tensor((G * N,), "float32"), R: T.Tensor((G * N,), "float32"),
                   Z: T.Tensor((G * N,), "float32")):
    with T.Kernel(G, threads=128) as bx:
        x = T.alloc_fragment([N], T.float32)
        e = T.alloc_fragment([N], T.float32)
        r = T.alloc_fragment([N], T.float32)
        m = T.alloc_fragment([1], T.float32)
        lo = T.alloc_fragment([1], T.float32)
        s = T.alloc_fragment([1], T.float32)
        T.copy(X[bx * N:(bx + 1) * N], x)
        T.reduce_max(x, m, dim=0, clear=True)
        T.reduce_min(x, lo, dim=-1)
        for i in T.Parallel(N):
            e[i] = T.exp(x[i] - m[0])
        T.reduce_sum(e, s, dim=0)
        for i in T.Parallel(N):
            e[i] = e[i] / s[0]
            r[i] = (x[i] - lo[0]) / (m[0] - lo[0])
        T.copy(e, Y[bx * N:(bx + 1) * N])
        T.copy(r, R[bx * N:(bx + 1) * N])

        b = T.alloc_fragment((32, N), T.float32)
        c = T.alloc_fragment([N], T.float32)
        peak = T.alloc_fragment([1], T.float32)
        T.copy(B[bx * 32:(bx + 1) * 32, 0:N], b)
        T.reduce_sum(b, c, dim=0)
        T.reduce_max(c, peak, dim=0)
        for j in T.Parallel(N):
            c[j] = c[j] - peak[0]
        T.copy(c, Z[bx * N:(bx + 1) * N])
