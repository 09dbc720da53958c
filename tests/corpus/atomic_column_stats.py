# Corpus: element-wise atomics from many blocks into a few shared outputs (factory style) — a
# histogram of small integer codes (T.atomic_add on int32), and per-column maxima / minima of a
# float32 and a float16 matrix (T.atomic_max, T.atomic_min; fp16 has no native atomic max, so the
# GPU code goes through a compare-and-swap loop). Each block takes a band of rows; the results do
# not depend on the order the blocks run in.
# tilec: --call "column_stats(96, 24)"
import tilelang
import tilelang.language as T


@tilelang.jit
def column_stats(M, N, block_M=32, bins=9):

    @T.prim_func
    def main(Codes: T.Tensor((M, N), "int32"), X: T.Tensor((M, N), "float32"),
             Y: T.Tensor((M, N), "float16"), Hist: T.Tensor((bins,), "int32"),
             ColMax: T.Tensor((N,), "float32"), ColMin: T.Tensor((N,), "float16")):
        with T.Kernel(T.ceildiv(M, block_M), threads=64) as bx:
            for i, j in T.Parallel(block_M, N):
                row = bx * block_M + i
                if row < M:
                    # codes are in [-4, 4]: shifted into the bins 0..8
                    T.atomic_add(Hist[Codes[row, j] + 4], 1)
                    T.atomic_max(ColMax[j], X[row, j])
                    T.atomic_min(ColMin[j], Y[row, j], memory_order="relaxed")

    return main
