# Softmax over rows whose length N is not a multiple of 32, the tail masked in the kernel: the
# columns past N are -inf before the row max and their exponentials 0 before the row sum, through
# index tiles (T.if_then_else on the column index), not only through the host's zero padding.
# tilec: -D M=64 -D N=40
import tilelang.language as T


@T.prim_func
def masked_softmax_tail(X: T.Tensor((M, N), "float32"), Y: T.Tensor((M, N), "float32")):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        x = T.alloc_fragment((32, 64), "float32")
        mx = T.alloc_fragment((32,), "float32")
        sm = T.alloc_fragment((32,), "float32")
        T.copy(X[bx * 32, 0], x)
        for i, j in T.Parallel(32, 64):
            x[i, j] = T.if_then_else(j < N, x[i, j], -T.infinity("float32"))
        T.reduce_max(x, mx, dim=1)
        for i, j in T.Parallel(32, 64):
            x[i, j] = T.exp(x[i, j] - mx[i])
        T.reduce_sum(x, sm, dim=1)
        for i, j in T.Parallel(32, 64):
            x[i, j] = x[i, j] / sm[i]
        T.copy(x, Y[bx * 32, 0])
