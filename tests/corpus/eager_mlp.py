# Corpus (eager style): a two-layer MLP block, Y = gelu(X W1) W2, both GEMMs in one kernel — the
# hidden activations stay on chip (a fragment cast into a shared tile feeds the second GEMM).
# tilec: --call "mlp.compile(M=64, D=64, F=64, block_M=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def mlp(X, W1, W2, block_M, dtype=T.float16, accum_dtype=T.float32):
    M, D, F = T.const("M, D, F")
    X: T.Tensor((M, D), dtype)
    W1: T.Tensor((D, F), dtype)
    W2: T.Tensor((F, D), dtype)
    Y = T.empty((M, D), dtype)

    with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
        x = T.alloc_shared((block_M, D), dtype)
        w1 = T.alloc_shared((D, F), dtype)
        w2 = T.alloc_shared((F, D), dtype)
        h = T.alloc_fragment((block_M, F), accum_dtype)
        h16 = T.alloc_shared((block_M, F), dtype)
        y = T.alloc_fragment((block_M, D), accum_dtype)
        T.copy(X[bx * block_M, 0], x)
        T.copy(W1, w1)
        T.copy(W2, w2)
        T.clear(h)
        T.gemm(x, w1, h)
        for i, j in T.Parallel(block_M, F):
            h[i, j] = 0.5 * h[i, j] * (1.0 + T.tanh(0.7978845608 * (h[i, j] + 0.044715 * h[i, j] * h[i, j] * h[i, j])))
        T.copy(h, h16)
        T.clear(y)
        T.gemm(h16, w2, y)
        T.copy(y, Y[bx * block_M, 0])

    return Y
