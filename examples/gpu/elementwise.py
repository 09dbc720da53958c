# Multi-operand element-wise kernel: D = relu(A * B + C) (a fused multiply-add epilogue), one
# tile per block, spread over the block's threads with coalesced accesses.
# tilec: --call "fused_mul_add(512, 256, 32, 64)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def fused_mul_add(M, N, block_M, block_N, dtype="float16"):
    @T.prim_func
    def kernel(
        A: T.Tensor((M, N), dtype),
        B: T.Tensor((M, N), dtype),
        C: T.Tensor((M, N), dtype),
        D: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            for i, j in T.Parallel(block_M, block_N):
                row = by * block_M + i
                col = bx * block_N + j
                D[row, col] = T.max(A[row, col] * B[row, col] + C[row, col], 0)

    return kernel
