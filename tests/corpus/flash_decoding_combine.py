# Corpus: the epilogue of a split-K decode attention step — the running row statistics of the
# earlier splits (max, sum of exp2) are merged with this split's scores, and the scores in
# shared memory are normalised in place: S = exp2(S - max) / sum. The row statistics are 1-D
# fragments met by 1-D nests, by the rows of a 2-D fragment and by a 2-D nest over shared memory.
# tilec: --call "combine(4, 8, 64)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def combine(batch, heads, block_N, accum_dtype="float"):

    @T.prim_func
    def main(Scores: T.Tensor((batch, heads, block_N), accum_dtype),
             Max: T.Tensor((batch, heads), accum_dtype),
             Sum: T.Tensor((batch, heads), accum_dtype),
             Out: T.Tensor((batch, heads, block_N), accum_dtype)):
        with T.Kernel(batch, threads=128) as bx:
            S_shared = T.alloc_shared((heads, block_N), accum_dtype)
            acc = T.alloc_fragment((heads, block_N), accum_dtype)
            smax = T.alloc_fragment((heads,), accum_dtype)
            smax_prev = T.alloc_fragment((heads,), accum_dtype)
            ssum = T.alloc_fragment((heads,), accum_dtype)
            bmax = T.alloc_fragment((heads,), accum_dtype)
            bsum = T.alloc_fragment((heads,), accum_dtype)
            logsum = T.alloc_fragment((heads,), accum_dtype)

            T.copy(Scores[bx, 0, 0], S_shared)
            T.copy(Max[bx, 0], smax_prev)
            T.copy(Sum[bx, 0], ssum)
            T.copy(S_shared, acc)
            T.reduce_max(acc, bmax, dim=1)
            for h in T.Parallel(heads):
                smax[h] = T.max(smax_prev[h], bmax[h])
            for h, k in T.Parallel(heads, block_N):
                acc[h, k] = T.exp2(acc[h, k] - smax[h])
            T.reduce_sum(acc, bsum, dim=1)
            for h in T.Parallel(heads):
                logsum[h] = T.abs(ssum[h]) * T.exp2(smax_prev[h] - smax[h]) + bsum[h]
            for h, k in T.Parallel(heads, block_N):
                S_shared[h, k] = T.exp2(S_shared[h, k] - smax[h]) / logsum[h]
            T.copy(S_shared, Out[bx, 0, 0])

    return main
