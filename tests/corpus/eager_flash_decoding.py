# Corpus (eager style): decoding attention — one new query token per (batch, head) against a long
# KV cache, the keys split across programs (split-KV); each split writes its partial output and
# log-sum-exp, and a second kernel in the file combines the splits.
# tilec: --call "decode_split.compile(B=2, H=2, S=128, D=32, num_split=2, block_N=32)"
import tilelang
import tilelang.language as T


@tilelang.jit
def decode_split(Q, K, V, num_split, block_N, dtype=T.float16, accum_dtype=T.float32):
    B, H, S, D = T.const("B, H, S, D")
    Q: T.Tensor((B, H, D), dtype)
    K: T.Tensor((B, S, H, D), dtype)
    V: T.Tensor((B, S, H, D), dtype)
    Part = T.empty((B, H, num_split, D), accum_dtype)
    Lse = T.empty((B, H, num_split), accum_dtype)
    scale = 1.0 / (D ** 0.5)
    per_split = S // num_split

    with T.Kernel(num_split, H, B, threads=128) as (sp, h, b):
        q = T.alloc_fragment((D,), accum_dtype)
        k = T.alloc_fragment((block_N, D), accum_dtype)
        v = T.alloc_fragment((block_N, D), accum_dtype)
        s = T.alloc_fragment((block_N, D), accum_dtype)
        logit = T.alloc_fragment((block_N,), accum_dtype)
        m = T.alloc_fragment((1,), accum_dtype)
        m_prev = T.alloc_fragment((1,), accum_dtype)
        l = T.alloc_fragment((1,), accum_dtype)
        blk = T.alloc_fragment((1,), accum_dtype)
        acc = T.alloc_fragment((D,), accum_dtype)
        T.copy(Q[b, h, :], q)
        T.fill(m, -T.infinity(accum_dtype))
        T.clear(l)
        T.clear(acc)
        for n in T.serial(per_split // block_N):
            start = sp * per_split + n * block_N
            T.copy(K[b, start:start + block_N, h, :], k)
            T.copy(V[b, start:start + block_N, h, :], v)
            for j, d in T.Parallel(block_N, D):
                s[j, d] = k[j, d] * q[d]
            T.reduce_sum(s, logit, dim=1)
            T.copy(m, m_prev)
            for j in T.Parallel(block_N):
                logit[j] = logit[j] * scale
            T.reduce_max(logit, m, clear=False)
            for j in T.Parallel(block_N):
                logit[j] = T.exp(logit[j] - m[0])
            T.reduce_sum(logit, blk)
            l[0] = l[0] * T.exp(m_prev[0] - m[0]) + blk[0]
            for d in T.Parallel(D):
                acc[d] = acc[d] * T.exp(m_prev[0] - m[0])
            for j, d in T.Parallel(block_N, D):
                s[j, d] = v[j, d] * logit[j]
            T.reduce_sum(s, q, dim=0)
            for d in T.Parallel(D):
                acc[d] = acc[d] + q[d]
            T.copy(Q[b, h, :], q)
        for d in T.Parallel(D):
            acc[d] = acc[d] / l[0]
        T.copy(acc, Part[b, h, sp, :])
        Lse[b, h, sp] = T.log(l[0]) + m[0]

    return Part, Lse
