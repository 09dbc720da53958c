# Multi-operand element-wise: D = relu(A * B + C - bias) * 0.5, one fused compute loop per tile
# (FPU multiply, add through DST reuse, a broadcast row vector, SFPU relu and scalar multiply).
# tilec: -D M=128 -D N=192
import tilelang.language as T


@T.prim_func
def elementwise_multi(A: T.Tensor((M, N), "bfloat16"),
                      B: T.Tensor((M, N), "bfloat16"),
                      C: T.Tensor((M, N), "bfloat16"),
                      bias: T.Tensor((N,), "bfloat16"),
                      D: T.Tensor((M, N), "bfloat16")):
    with T.Kernel(T.ceildiv(N, 64), T.ceildiv(M, 32)) as (bx, by):
        for i, j in T.Parallel(32, 64):
            D[by * 32 + i, bx * 64 + j] = T.max(
                A[by * 32 + i, bx * 64 + j] * B[by * 32 + i, bx * 64 + j] + C[by * 32 + i, bx * 64 + j]
                - bias[bx * 64 + j], 0.0) * 0.5
