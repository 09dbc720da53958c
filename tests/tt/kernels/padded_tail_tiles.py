# A tile of 48 columns, held in two 32x32 tiles whose second has 16 padding columns: a row softmax
# over the 48 columns of data made -|x| - 1 (a row max that read the padding would be -1, a row sum
# too large), and the column sums of a 48-row tile padded likewise in its rows. The masks of
# mask-padded-tiles are built over tile * 32 + the element's column (docs/TT_BACKEND.md, "Tiles
# smaller than 32"); without them every output mismatches.
# tilec: -D M=96
import tilelang.language as T


@T.prim_func
def padded_tail_tiles(X: T.Tensor((M, 48), "float32"), Y: T.Tensor((M, 48), "float32"),
                      Z: T.Tensor((48, M), "float32"), S: T.Tensor((M,), "float32")):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        x = T.alloc_fragment((32, 48), "float32")
        z = T.alloc_fragment((48, 32), "float32")
        mx = T.alloc_fragment((32,), "float32")
        sm = T.alloc_fragment((32,), "float32")
        cs = T.alloc_fragment((32,), "float32")
        T.copy(X[bx * 32, 0], x)
        T.copy(Z[0, bx * 32], z)
        for i, j in T.Parallel(32, 48):
            x[i, j] = -T.abs(x[i, j]) - 1.0
        T.reduce_max(x, mx, dim=1)
        for i, j in T.Parallel(32, 48):
            x[i, j] = T.exp(x[i, j] - mx[i])
        T.reduce_sum(x, sm, dim=1)
        for i, j in T.Parallel(32, 48):
            x[i, j] = x[i, j] / sm[i]
        for i, j in T.Parallel(48, 32):
            z[i, j] = T.abs(z[i, j]) + 1.0
        T.reduce_sum(z, cs, dim=0)
        T.copy(x, Y[bx * 32, 0])
        T.copy(cs, S[bx * 32])
