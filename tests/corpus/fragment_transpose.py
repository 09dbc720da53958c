# Corpus: a row-scaled tile written out transposed through registers — `y[i, j] = x[i, j] * v[i]`
# in one nest, a row reduction of y, then `yt[j, i] = y[i, j] / s[i]` reads y transposed (an
# element another thread holds), so y has to live where every thread can read it.
# tilec: --call "scale_transpose(2, 32, 64)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def scale_transpose(B, M, N, dtype="float"):

    @T.prim_func
    def main(X: T.Tensor((B, M, N), dtype), V: T.Tensor((B, M), dtype), Y: T.Tensor((B, N, M), dtype)):
        with T.Kernel(B, threads=128) as bx:
            x = T.alloc_fragment((M, N), dtype)
            v = T.alloc_fragment((M,), dtype)
            y = T.alloc_fragment((M, N), dtype)
            s = T.alloc_fragment((M,), dtype)
            yt = T.alloc_fragment((N, M), dtype)
            T.copy(X[bx, 0, 0], x)
            T.copy(V[bx, 0], v)
            for i, j in T.Parallel(M, N):
                y[i, j] = x[i, j] * v[i]
            T.reduce_sum(y, s, dim=1)
            for j, i in T.Parallel(N, M):
                yt[j, i] = y[i, j] / (T.abs(s[i]) + 1.0)
            T.copy(yt, Y[bx, 0, 0])

    return main
