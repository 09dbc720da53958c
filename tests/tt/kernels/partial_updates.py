# Element-wise updates of one row or one column of a tile (widen-partial-updates): each becomes a
# map over the whole tile that keeps the other elements, by index tiles the reader builds. Rows
# r * 8 get twice the column sums, columns 3c get the row maxima; the rest stays 1.0.
# tilec: -D M=64 -D N=64
import tilelang.language as T


@T.prim_func
def partial_updates(A: T.Tensor((M, N), "float32"), B: T.Tensor((M, N), "float32")):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        a = T.alloc_fragment((32, N), "float32")
        colsum = T.alloc_fragment((N,), "float32")
        rowmax = T.alloc_fragment((32,), "float32")
        t = T.alloc_fragment((32, N), "float32")
        T.copy(A[bx * 32, 0], a)
        T.reduce_sum(a, colsum, dim=0)
        T.reduce_max(a, rowmax, dim=1)
        T.fill(t, 1.0)
        for r in T.serial(4):
            for j in T.Parallel(N):
                t[r * 8, j] = colsum[j] * 2.0
        for c in T.serial(3):
            for i in T.Parallel(32):
                t[i, c * 3] = rowmax[i]
        T.copy(t, B[bx * 32, 0])
