# FlashAttention forward (one head, no mask): for each block of queries, stream blocks of keys and
# values, keep a running row max and row sum, rescale the output accumulator (online softmax).
# Both matmuls run on tensor cores; the probabilities go through shared memory to feed the second.
# tilec: --call "flash_attention(256, 64, 64, 64)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def flash_attention(seq_len, dim, block_M, block_N, dtype="float16", accum_dtype="float32"):
    scale = 1.44269504 / (dim ** 0.5)  # log2(e) / sqrt(dim): exp2 instead of exp

    @T.prim_func
    def kernel(
        Q: T.Tensor((seq_len, dim), dtype),
        K: T.Tensor((seq_len, dim), dtype),
        V: T.Tensor((seq_len, dim), dtype),
        Output: T.Tensor((seq_len, dim), dtype),
    ):
        with T.Kernel(T.ceildiv(seq_len, block_M), threads=128) as bx:
            Q_shared = T.alloc_shared((block_M, dim), dtype)
            K_shared = T.alloc_shared((block_N, dim), dtype)
            V_shared = T.alloc_shared((block_N, dim), dtype)
            P_shared = T.alloc_shared((block_M, block_N), dtype)
            acc_s = T.alloc_fragment((block_M, block_N), accum_dtype)
            acc_o = T.alloc_fragment((block_M, dim), accum_dtype)
            scores_max = T.alloc_fragment((block_M,), accum_dtype)
            scores_max_prev = T.alloc_fragment((block_M,), accum_dtype)
            scores_scale = T.alloc_fragment((block_M,), accum_dtype)
            scores_sum = T.alloc_fragment((block_M,), accum_dtype)
            logsum = T.alloc_fragment((block_M,), accum_dtype)

            T.copy(Q[bx * block_M, 0], Q_shared)
            T.fill(acc_o, 0)
            T.fill(logsum, 0)
            T.fill(scores_max, -T.infinity(accum_dtype))

            for k in T.Pipelined(T.ceildiv(seq_len, block_N), num_stages=2):
                T.copy(K[k * block_N, 0], K_shared)
                T.copy(V[k * block_N, 0], V_shared)
                T.clear(acc_s)
                T.gemm(Q_shared, K_shared, acc_s, transpose_B=True)
                T.copy(scores_max, scores_max_prev)
                T.reduce_max(acc_s, scores_max, dim=1, clear=False)
                for i in T.Parallel(block_M):
                    scores_scale[i] = T.exp2(scores_max_prev[i] * scale - scores_max[i] * scale)
                for i, j in T.Parallel(block_M, dim):
                    acc_o[i, j] *= scores_scale[i]
                for i, j in T.Parallel(block_M, block_N):
                    acc_s[i, j] = T.exp2(acc_s[i, j] * scale - scores_max[i] * scale)
                T.reduce_sum(acc_s, scores_sum, dim=1)
                for i in T.Parallel(block_M):
                    logsum[i] = logsum[i] * scores_scale[i] + scores_sum[i]
                T.copy(acc_s, P_shared)
                T.gemm(P_shared, V_shared, acc_o)

            for i, j in T.Parallel(block_M, dim):
                acc_o[i, j] /= logsum[i]
            T.copy(acc_o, Output[bx * block_M, 0])

    return kernel
