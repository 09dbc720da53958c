# Corpus: hand-written tail handling — tiles are loaded element by element with
# T.if_then_else(row < M, A[row, k], 0) (the out-of-range branch must not be read), and the
# row-sum is stored only for rows that exist. M, N are free sizes (seed style) bound with -D.
# tilec: -D M=50 -D N=40
import tilelang.language as T


@T.prim_func
def masked_row_sum(A: T.Buffer[(M, N), "float32"], Out: T.Buffer[(M,), "float32"]):
    with T.Kernel(T.ceildiv(M, 16), threads=128) as bx:
        tile = T.alloc_shared((16, 64), "float32")
        sums = T.alloc_fragment((16,), "float32")
        for i, j in T.Parallel(16, 64):
            tile[i, j] = T.if_then_else(bx * 16 + i < M and j < N, A[bx * 16 + i, j], 0.0)
        T.reduce_sum(tile, sums, dim=1)
        for i in T.Parallel(16):
            if bx * 16 + i < M:
                Out[bx * 16 + i] = sums[i]
