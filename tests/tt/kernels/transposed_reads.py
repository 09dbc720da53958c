# Transposed reads inside element-wise maps: a tile read across its axes (`a[j, i]`) comes into
# DST through transpose_tile (tile (r, c) of the result is the transpose of tile (c, r)), alone
# or as an operand of other arithmetic; blocks of 64x96 so the tile grid is not square.
# tilec: -D M=128 -D N=96
import tilelang.language as T


@T.prim_func
def transposed_reads(A: T.Tensor((M, N), "bfloat16"), C: T.Tensor((N, M), "bfloat16"),
                     D: T.Tensor((N, M), "float32")):
    with T.Kernel(T.ceildiv(M, 64)) as bx:
        a = T.alloc_shared((64, 96), "bfloat16")
        c = T.alloc_shared((96, 64), "bfloat16")
        d = T.alloc_fragment((96, 64), "float32")
        T.copy(A[bx * 64, 0], a)
        for i, j in T.Parallel(96, 64):
            c[i, j] = a[j, i]
        for i, j in T.Parallel(96, 64):
            d[i, j] = T.exp(a[j, i] * 0.25) - c[i, j] * 0.5
        T.copy(c, C[0, bx * 64])
        T.copy(d, D[0, bx * 64])
