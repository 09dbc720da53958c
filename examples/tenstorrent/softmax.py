# Row softmax: max and sum reductions (REDUCE_ROW), a broadcast subtraction of the row max,
# exp on the SFPU, and a division by the row sum — all per block of 32 rows.
# tilec: -D M=128 -D N=128
import tilelang.language as T


@T.prim_func
def softmax(X: T.Tensor((M, N), "bfloat16"),
            Y: T.Tensor((M, N), "bfloat16")):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        x = T.alloc_shared((32, N), "bfloat16")
        e = T.alloc_fragment((32, N), "float32")
        row_max = T.alloc_fragment((32,), "float32")
        row_sum = T.alloc_fragment((32,), "float32")
        T.copy(X[bx * 32, 0], x)
        T.reduce_max(x, row_max, dim=1)
        for i, j in T.Parallel(32, N):
            e[i, j] = T.exp(x[i, j] - row_max[i])
        T.reduce_sum(e, row_sum, dim=1)
        for i, j in T.Parallel(32, N):
            e[i, j] = e[i, j] / row_sum[i]
        T.copy(e, Y[bx * 32, 0])
