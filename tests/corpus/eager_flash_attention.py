# Corpus: eager-style FlashAttention forward on (batch, heads, seq, dim) tensors, with an optional
# causal mask — sizes are T.const, the output is T.empty, and the online-softmax update is a
# @T.macro called with fragments. Run causal here; tests/corpus/CMakeLists.txt runs the plain
# variant too (corpus.*.eager_flash_attention_full).
# tilec: --call "flashattn.compile(B=1, H=2, S=64, D=32, block_M=32, block_N=32, is_causal=True)"
import tilelang
import tilelang.language as T


@T.macro
def online_softmax(acc_s, scores_max, scores_max_prev, scores_scale, scores_sum, logsum, scale):
    T.copy(scores_max, scores_max_prev)
    T.fill(scores_max, -T.infinity(scores_max.dtype))
    T.reduce_max(acc_s, scores_max, dim=1, clear=False)
    for i in T.Parallel(acc_s.shape[0]):
        scores_max[i] = T.max(scores_max[i], scores_max_prev[i])
        scores_scale[i] = T.exp2(scores_max_prev[i] * scale - scores_max[i] * scale)
    for i, j in T.Parallel(acc_s.shape[0], acc_s.shape[1]):
        acc_s[i, j] = T.exp2(acc_s[i, j] * scale - scores_max[i] * scale)
    T.reduce_sum(acc_s, scores_sum, dim=1)
    for i in T.Parallel(acc_s.shape[0]):
        logsum[i] = logsum[i] * scores_scale[i] + scores_sum[i]


@tilelang.jit(out_idx=[3])
def flashattn(Q, K, V, block_M=32, block_N=32, is_causal=False, threads=128):
    B, H, S, D = T.const("B, H, S, D")
    dtype = T.float16
    accum_dtype = T.float32
    scale = (1.0 / D)**0.5 * 1.44269504  # log2(e)
    Q: T.Tensor((B, H, S, D), dtype)
    K: T.Tensor((B, H, S, D), dtype)
    V: T.Tensor((B, H, S, D), dtype)
    O = T.empty((B, H, S, D), dtype)

    with T.Kernel(T.ceildiv(S, block_M), H, B, threads=threads) as (bx, by, bz):
        Q_shared = T.alloc_shared([block_M, D], dtype)
        K_shared = T.alloc_shared([block_N, D], dtype)
        V_shared = T.alloc_shared([block_N, D], dtype)
        acc_s = T.alloc_fragment([block_M, block_N], accum_dtype)
        acc_s_cast = T.alloc_fragment([block_M, block_N], dtype)
        acc_o = T.alloc_fragment([block_M, D], accum_dtype)
        scores_max = T.alloc_fragment([block_M], accum_dtype)
        scores_max_prev = T.alloc_fragment([block_M], accum_dtype)
        scores_scale = T.alloc_fragment([block_M], accum_dtype)
        scores_sum = T.alloc_fragment([block_M], accum_dtype)
        logsum = T.alloc_fragment([block_M], accum_dtype)

        T.copy(Q[bz, by, bx * block_M:(bx + 1) * block_M, :], Q_shared)
        T.fill(acc_o, 0)
        T.fill(logsum, 0)
        T.fill(scores_max, -T.infinity(accum_dtype))
        loop_end = T.ceildiv((bx + 1) * block_M, block_N) if is_causal else T.ceildiv(S, block_N)
        for k in T.Pipelined(loop_end, num_stages=1):
            T.copy(K[bz, by, k * block_N:(k + 1) * block_N, :], K_shared)
            if is_causal:
                for i, j in T.Parallel(block_M, block_N):
                    acc_s[i, j] = T.if_then_else(bx * block_M + i >= k * block_N + j, 0,
                                                 -T.infinity(accum_dtype))
            else:
                T.clear(acc_s)
            T.gemm(Q_shared, K_shared, acc_s, transpose_B=True)
            online_softmax(acc_s, scores_max, scores_max_prev, scores_scale, scores_sum, logsum, scale)
            T.copy(acc_s, acc_s_cast)
            for i, j in T.Parallel(block_M, D):
                acc_o[i, j] *= scores_scale[i]
            T.copy(V[bz, by, k * block_N:(k + 1) * block_N, :], V_shared)
            T.gemm(acc_s_cast, V_shared, acc_o)
        for i, j in T.Parallel(block_M, D):
            acc_o[i, j] /= logsum[i]
        T.copy(acc_o, O[bz, by, bx * block_M:(bx + 1) * block_M, :])

    return O
