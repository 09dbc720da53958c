# A vector read both as a column (v[i] over rows) and as a row (v[j] over columns): it keeps one
# layout and the other reads go through a transposed twin (bridge-vector-layouts). Row sums s
# (a column vector, what REDUCE_ROW leaves) scale the transposed block, where they index columns.
# tilec: -D M=64 -D N=64
import tilelang.language as T


@T.prim_func
def vector_both_layouts(X: T.Tensor((M, N), "float32"), V: T.Tensor((M,), "float32"),
                        Y: T.Tensor((M, N), "float32"), Z: T.Tensor((N, M), "float32")):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        x = T.alloc_fragment((32, N), "float32")
        v = T.alloc_fragment((32,), "float32")
        y = T.alloc_fragment((32, N), "float32")
        s = T.alloc_fragment((32,), "float32")
        z = T.alloc_fragment((N, 32), "float32")
        T.copy(X[bx * 32, 0], x)
        T.copy(V[bx * 32], v)
        for i, j in T.Parallel(32, N):
            y[i, j] = x[i, j] * v[i]
        T.reduce_sum(y, s, dim=1)
        for j, i in T.Parallel(N, 32):
            z[j, i] = y[i, j] / (T.abs(s[i]) + 1.0) + v[i]
        T.copy(y, Y[bx * 32, 0])
        T.copy(z, Z[0, bx * 32])
