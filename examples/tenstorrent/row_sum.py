# Row-sum reduction: each block of 32 rows is reduced along its columns with reduce_tile
# (REDUCE_ROW against a scaler tile of ones); the sums come out as a column vector.
# tilec: -D M=128 -D N=256
import tilelang.language as T


@T.prim_func
def row_sum(A: T.Tensor((M, N), "bfloat16"),
            S: T.Tensor((M,), "float32")):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        A_shared = T.alloc_shared((32, N), "bfloat16")
        sums = T.alloc_fragment((32,), "float32")
        T.copy(A[bx * 32, 0], A_shared)
        T.reduce_sum(A_shared, sums, dim=1)
        T.copy(sums, S[bx * 32])
