# Corpus: one fragment met by nests of different shapes — a row statistic written by a 1-D nest
# over the rows, broadcast along the columns of a 2-D nest over a differently shaped tile, and a
# 2-D fragment written by a (rows, cols) nest then read by a flat nest over all its elements.
# tilec: --call "reshape(2, 16, 32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def reshape(G, M, N, dtype="float"):

    @T.prim_func
    def main(A: T.Tensor((G, M, N), dtype), B: T.Tensor((G, M, 2 * N), dtype), C: T.Tensor((G, M * N), dtype),
             D: T.Tensor((G, M, 2 * N), dtype)):
        with T.Kernel(G, threads=128) as bx:
            a = T.alloc_fragment((M, N), dtype)
            b = T.alloc_fragment((M, 2 * N), dtype)
            rmax = T.alloc_fragment((M,), dtype)
            scale = T.alloc_fragment((M,), dtype)
            flat = T.alloc_fragment((M * N,), dtype)
            T.copy(A[bx, 0, 0], a)
            T.copy(B[bx, 0, 0], b)
            T.reduce_max(a, rmax, dim=1)
            for i in T.Parallel(M):
                scale[i] = 1.0 / (T.abs(rmax[i]) + 1.0)
            for i, j in T.Parallel(M, 2 * N):
                b[i, j] = b[i, j] * scale[i]
            for i, j in T.Parallel(M, N):
                a[i, j] = a[i, j] - rmax[i]
            for t in T.Parallel(M * N):
                flat[t] = a[t // N, t % N]
            T.copy(flat, C[bx, 0])
            T.copy(b, D[bx, 0, 0])

    return main
