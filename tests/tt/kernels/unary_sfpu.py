# Every SFPU unary op the backend maps, fused in one compute loop per tile, plus scalar ops.
# tilec: -D M=64 -D N=64
import tilelang.language as T


@T.prim_func
def unary_sfpu(X: T.Tensor((M, N), "float32"), P: T.Tensor((M, N), "float32"),
               Y: T.Tensor((M, N), "float32"), Z: T.Tensor((M, N), "bfloat16")):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        x = T.alloc_shared((32, 32), "float32")
        p = T.alloc_shared((32, 32), "float32")
        y = T.alloc_fragment((32, 32), "float32")
        T.copy(X[by * 32, bx * 32], x)
        T.copy(P[by * 32, bx * 32], p)
        for i, j in T.Parallel(32, 32):
            y[i, j] = T.exp(x[i, j]) + T.sigmoid(x[i, j]) * 2.0 - T.tanh(x[i, j]) + T.abs(x[i, j]) / 4.0
        for i, j in T.Parallel(32, 32):
            y[i, j] = y[i, j] + T.sqrt(p[i, j] + 1.0) + T.log(p[i, j] + 2.0) + T.rsqrt(p[i, j] + 1.0) + T.exp2(x[i, j])
        T.copy(y, Y[by * 32, bx * 32])
        for i, j in T.Parallel(32, 32):
            Z[by * 32 + i, bx * 32 + j] = T.cast(1.0 - T.max(y[i, j], 0.0) * 0.25, "bfloat16")
