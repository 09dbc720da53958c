# Corpus: LayerNorm with one row per block (blk_m=1, as decode-time callers pick) — the tiles
# are [1, N], the simplifier drops their unit T.Parallel loops (`x[0, j]`), and both row
# reductions reduce a one-row tile along dim 1. tests/lit/gpu/unit_extent_tiles.test runs it
# with blk_m=2 too.
# tilec: --call "layer_norm(8, 256, 1)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def layer_norm(M, N, blk_m, eps=1e-5, dtype="float"):

    @T.prim_func
    def main(X: T.Tensor((M, N), dtype), W: T.Tensor((N,), dtype), Y: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(M, blk_m), threads=128) as bx:
            x = T.alloc_fragment((blk_m, N), dtype)
            xc = T.alloc_fragment((blk_m, N), dtype)
            mean = T.alloc_fragment((blk_m,), dtype)
            var = T.alloc_fragment((blk_m,), dtype)
            T.copy(X[bx * blk_m:(bx + 1) * blk_m, :], x)
            T.reduce_sum(x, mean, dim=1)
            for i in T.Parallel(blk_m):
                mean[i] = mean[i] / N
            for i, j in T.Parallel(blk_m, N):
                xc[i, j] = (x[i, j] - mean[i]) * (x[i, j] - mean[i])
            T.reduce_sum(xc, var, dim=1)
            for i in T.Parallel(blk_m):
                var[i] = T.rsqrt(var[i] / N + eps)
            for i, j in T.Parallel(blk_m, N):
                x[i, j] = (x[i, j] - mean[i]) * var[i] * W[j]
            T.copy(x, Y[bx * blk_m:(bx + 1) * blk_m, :])

    return main
