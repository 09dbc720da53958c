# Corpus (eager style): the SwiGLU activation of a gated MLP, silu(gate) * up, element-wise over
# 2-D tiles with the sigmoid written out.
# tilec: --call "swiglu.compile(M=64, N=96, block_M=32, block_N=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def swiglu(Gate, Up, block_M, block_N, dtype=T.float16):
    M, N = T.const("M, N")
    Gate: T.Tensor((M, N), dtype)
    Up: T.Tensor((M, N), dtype)
    Out = T.empty((M, N), dtype)

    with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
        g = T.alloc_fragment((block_M, block_N), T.float32)
        u = T.alloc_fragment((block_M, block_N), T.float32)
        T.copy(Gate[by * block_M, bx * block_N], g)
        T.copy(Up[by * block_M, bx * block_N], u)
        for i, j in T.Parallel(block_M, block_N):
            g[i, j] = g[i, j] / (1.0 + T.exp(-g[i, j])) * u[i, j]
        T.copy(g, Out[by * block_M, bx * block_N])

    return Out
