# Corpus: fused multiply-add-activation on fp16 through fragments: copy tiles in, compute
# out = max(a * b + c, 0) (SiLU-style gating variants look the same), copy the tile out.
# tilec: --call "fused_fma_relu(128, 256)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def fused_fma_relu(M, N, block_M=32, block_N=64, dtype="float16"):

    @T.prim_func
    def main(
            A: T.Tensor((M, N), dtype),
            B: T.Tensor((M, N), dtype),
            Cin: T.Tensor((M, N), dtype),
            Out: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            a = T.alloc_fragment((block_M, block_N), dtype)
            b = T.alloc_fragment((block_M, block_N), dtype)
            c = T.alloc_fragment((block_M, block_N), dtype)
            T.copy(A[by * block_M, bx * block_N], a)
            T.copy(B[by * block_M, bx * block_N], b)
            T.copy(Cin[by * block_M, bx * block_N], c)
            for i, j in T.Parallel(block_M, block_N):
                c[i, j] = T.max(a[i, j] * b[i, j] + c[i, j], T.float16(0))
            T.copy(c, Out[by * block_M, bx * block_N])

    return main
