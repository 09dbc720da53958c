# Tiles of 16x16, held padded in one 32x32 tile on Tenstorrent: a row softmax over each block's 16
# columns, then the column sums of the result. The data is made -|x| - 1 first, so a row max that
# read the 16 padding columns (zeros from the host, -1 after that map) would be -1 (R, each block's
# row maxima); after the exp the padding holds exp(-1 - max) > 0, so a row sum that read it would be
# too large; and the padding rows hold 1/16 each after the division, so a column sum that read
# them would be 1 too large. Every one of the three reductions must mask the padding
# (mask-padded-tiles, docs/TT_BACKEND.md "Tiles smaller than 32"); without it all three outputs
# mismatch.
# tilec: -D M=48 -D N=64
import tilelang.language as T


@T.prim_func
def small_tiles_padding(X: T.Tensor((M, N), "float32"), Y: T.Tensor((M, N), "float32"),
                        S: T.Tensor((T.ceildiv(M, 16), N), "float32"), R: T.Tensor((M, T.ceildiv(N, 16)), "float32")):
    with T.Kernel(T.ceildiv(N, 16), T.ceildiv(M, 16)) as (bx, by):
        x = T.alloc_fragment((16, 16), "float32")
        mx = T.alloc_fragment((16,), "float32")
        sm = T.alloc_fragment((16,), "float32")
        cs = T.alloc_fragment((16,), "float32")
        T.copy(X[by * 16, bx * 16], x)
        for i, j in T.Parallel(16, 16):
            x[i, j] = -T.abs(x[i, j]) - 1.0
        T.reduce_max(x, mx, dim=1)
        for i, j in T.Parallel(16, 16):
            x[i, j] = T.exp(x[i, j] - mx[i])
        T.reduce_sum(x, sm, dim=1)
        for i, j in T.Parallel(16, 16):
            x[i, j] = x[i, j] / sm[i]
        T.reduce_sum(x, cs, dim=0)
        T.copy(x, Y[by * 16, bx * 16])
        T.copy(cs, S[by, bx * 16])
        T.copy(mx, R[by * 16:(by + 1) * 16, bx])
