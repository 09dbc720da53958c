# Column reductions (REDUCE_COL → row vectors), reductions that accumulate (clear=False), a row
# vector broadcast back over the tile, and division by a column vector; float16 tensors.
# tilec: -D M=64 -D N=96
import tilelang.language as T


@T.prim_func
def col_reduce_bcast(A: T.Tensor((M, N), "float16"), colmax: T.Tensor((N,), "float32"),
                     B: T.Tensor((M, N), "float16")):
    with T.Kernel(T.ceildiv(N, 32)) as bx:
        a = T.alloc_shared((M, 32), "float16")
        cmax = T.alloc_fragment((32,), "float32")
        rsum = T.alloc_fragment((M,), "float32")
        b = T.alloc_fragment((M, 32), "float32")
        T.copy(A[0, bx * 32], a)
        T.reduce_max(a, cmax, dim=0)
        T.fill(rsum, 1.0)
        T.reduce_sum(a, rsum, dim=1, clear=False)
        for i, j in T.Parallel(M, 32):
            b[i, j] = (a[i, j] - cmax[j]) / (T.abs(rsum[i]) + 1.0)
        T.copy(cmax, colmax[bx * 32])
        T.copy(b, B[0, bx * 32])
