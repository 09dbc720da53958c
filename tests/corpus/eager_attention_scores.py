# Corpus (eager style): scaled attention scores S = Q K^T / sqrt(d) for a batch of heads, with a
# row softmax in the epilogue (the un-fused attention's first half).
# tilec: --call "scores.compile(H=2, S=64, D=32, block_M=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def scores(Q, K, block_M, dtype=T.float16, accum_dtype=T.float32):
    H, S, D = T.const("H, S, D")
    Q: T.Tensor((H, S, D), dtype)
    K: T.Tensor((H, S, D), dtype)
    P = T.empty((H, S, S), dtype)
    scale = 1.0 / (D ** 0.5)

    with T.Kernel(T.ceildiv(S, block_M), H, threads=128) as (bx, h):
        q = T.alloc_shared((block_M, D), dtype)
        k = T.alloc_shared((S, D), dtype)
        s = T.alloc_fragment((block_M, S), accum_dtype)
        m = T.alloc_fragment((block_M,), accum_dtype)
        l = T.alloc_fragment((block_M,), accum_dtype)
        T.copy(Q[h, bx * block_M:(bx + 1) * block_M, :], q)
        T.copy(K[h, :, :], k)
        T.clear(s)
        T.gemm(q, k, s, transpose_B=True)
        for i, j in T.Parallel(block_M, S):
            s[i, j] = s[i, j] * scale
        T.reduce_max(s, m, dim=1)
        for i, j in T.Parallel(block_M, S):
            s[i, j] = T.exp(s[i, j] - m[i])
        T.reduce_sum(s, l, dim=1)
        for i, j in T.Parallel(block_M, S):
            s[i, j] = s[i, j] / l[i]
        T.copy(s, P[h, bx * block_M:(bx + 1) * block_M, :])

    return P
