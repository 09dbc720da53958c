# Corpus: the narrow dtypes — float8_e4m3fn and float8_e5m2 (ml_dtypes' formats: round to nearest
# even, saturating at 448 / 57344 as CUDA's conversions do), uint8 and bool. Quantise to both fp8
# formats, read an fp8 input, square fp8 values (fp8 arithmetic goes through float and rounds
# once), and derive uint8 codes and a bool mask.
# tilec: --call "narrow_types(40, 32)"
import tilelang
import tilelang.language as T


@tilelang.jit
def narrow_types(M, N, block_M=16):

    @T.prim_func
    def main(A: T.Tensor((M, N), "float32"), E: T.Tensor((M, N), T.float8_e4m3fn),
             Q4: T.Tensor((M, N), T.float8_e4m3fn), Q5: T.Tensor((M, N), "float8_e5m2"),
             Sq: T.Tensor((M, N), "float8_e4m3fn"), D: T.Tensor((M, N), "float32"),
             Codes: T.Tensor((M, N), "uint8"), Positive: T.Tensor((M, N), "bool")):
        with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
            for i, j in T.Parallel(block_M, N):
                r = bx * block_M + i
                if r < M:
                    Q4[r, j] = A[r, j] * 600.0  # past 448: saturates
                    Q5[r, j] = A[r, j] * 3.0
                    Sq[r, j] = E[r, j] * E[r, j]
                    D[r, j] = T.cast(E[r, j], "float32") * 0.5 + T.cast(Q5[r, j], "float32")
                    Codes[r, j] = T.cast(A[r, j] * 4.0 + 4.0, "uint8")
                    Positive[r, j] = A[r, j] > 0.0

    return main
