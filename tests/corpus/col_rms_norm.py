# Corpus: RMS normalisation of columns, blk_n columns per block (blk_n=1 here): the tile is
# [M, 1] and the statistic a reduction along dim 0 of it. tests/lit/gpu/unit_extent_tiles.test
# runs it with blk_n=2 too.
# tilec: --call "col_rms_norm(64, 8, 1)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def col_rms_norm(M, N, blk_n, eps=1e-6, dtype="float"):

    @T.prim_func
    def main(X: T.Tensor((M, N), dtype), Y: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, blk_n), threads=64) as bx:
            x = T.alloc_fragment((M, blk_n), dtype)
            sq = T.alloc_fragment((M, blk_n), dtype)
            rstd = T.alloc_fragment((blk_n,), dtype)
            T.copy(X[0, bx * blk_n], x)
            for i, j in T.Parallel(M, blk_n):
                sq[i, j] = x[i, j] * x[i, j]
            T.reduce_sum(sq, rstd, dim=0)
            for j in T.Parallel(blk_n):
                rstd[j] = T.rsqrt(rstd[j] / M + eps)
            for i, j in T.Parallel(M, blk_n):
                x[i, j] = x[i, j] * rstd[j]
            T.copy(x, Y[0, bx * blk_n])

    return main
