# Corpus: per-row dot products with scalar state — a T.alloc_var accumulator initialised per row,
# a T.unroll inner loop, T.cast between int32 inputs and an fp32 result, and a guarded store.
# tilec: --call "row_dot(50, 64)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def row_dot(M, K, rows_per_block=16):

    @T.prim_func
    def main(A: T.Tensor((M, K), "int32"), B: T.Tensor((M, K), "int32"), Out: T.Tensor((M,), "float32")):
        with T.Kernel(T.ceildiv(M, rows_per_block), threads=32) as bx:
            for r in T.serial(rows_per_block):
                row = bx * rows_per_block + r
                acc = T.alloc_var("float32")
                acc = 0.0
                if row < M:
                    for k in T.unroll(K):
                        acc += T.cast(A[row, k] * B[row, k], "float32")
                    Out[row] = acc

    return main
