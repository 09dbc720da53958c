# Corpus: eager-style row softmax with rows streamed in column blocks (online max and rescaled
# sum, then a second pass), exp2 with log2(e) folded in; both sizes are T.const.
# tilec: --call "softmax.compile(M=32, N=128, block_M=16, block_N=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def softmax(X, block_M, block_N, dtype=T.float16, accum_dtype=T.float32):
    M, N = T.const("M, N")
    log2e = 1.44269504
    X: T.Tensor((M, N), dtype)
    Y = T.empty(X.shape, X.dtype)

    with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
        x = T.alloc_fragment((block_M, block_N), accum_dtype)
        row_max = T.alloc_fragment((block_M,), accum_dtype)
        prev_max = T.alloc_fragment((block_M,), accum_dtype)
        row_sum = T.alloc_fragment((block_M,), accum_dtype)
        blk_sum = T.alloc_fragment((block_M,), accum_dtype)
        out = T.alloc_fragment((block_M, block_N), dtype)

        T.fill(row_max, -T.infinity(accum_dtype))
        T.clear(row_sum)
        for kb in T.serial(T.ceildiv(N, block_N)):
            T.copy(X[bx * block_M, kb * block_N], x)
            T.copy(row_max, prev_max)
            T.reduce_max(x, row_max, dim=1, clear=False)
            for i, j in T.Parallel(block_M, block_N):
                x[i, j] = T.exp2(x[i, j] * log2e - row_max[i] * log2e)
            T.reduce_sum(x, blk_sum, dim=1)
            for i in T.Parallel(block_M):
                row_sum[i] = row_sum[i] * T.exp2(prev_max[i] * log2e - row_max[i] * log2e) + blk_sum[i]
        for kb in T.serial(T.ceildiv(N, block_N)):
            T.copy(X[bx * block_M, kb * block_N], x)
            for i, j in T.Parallel(block_M, block_N):
                out[i, j] = T.exp2(x[i, j] * log2e - row_max[i] * log2e) / row_sum[i]
            T.copy(out, Y[bx * block_M, kb * block_N])

    return Y
