# Corpus: row softmax for rows longer than one tile — a first pass streams column blocks keeping
# an online max and rescaled sum (exp2 with log2(e) folded into the scale), a second pass writes
# exp2(x*s - max*s) / sum. Uses T.reduce_max(..., clear=False), T.infinity, T.serial.
# tilec: --call "softmax(64, 256, 16, 64)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def softmax(M, N, block_M, block_N, dtype="float16", accum_dtype="float"):
    scale = 1.44269504  # log2(e)
    num_blocks = T.ceildiv(N, block_N)

    @T.prim_func
    def main(X: T.Tensor((M, N), dtype), Y: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
            x = T.alloc_fragment((block_M, block_N), accum_dtype)
            row_max = T.alloc_fragment((block_M,), accum_dtype)
            prev_max = T.alloc_fragment((block_M,), accum_dtype)
            row_sum = T.alloc_fragment((block_M,), accum_dtype)
            blk_sum = T.alloc_fragment((block_M,), accum_dtype)
            out = T.alloc_fragment((block_M, block_N), dtype)

            T.fill(row_max, -T.infinity(accum_dtype))
            T.clear(row_sum)
            for kb in T.serial(num_blocks):
                T.copy(X[bx * block_M, kb * block_N], x)
                T.copy(row_max, prev_max)
                T.reduce_max(x, row_max, dim=1, clear=False)
                for i, j in T.Parallel(block_M, block_N):
                    x[i, j] = T.exp2(x[i, j] * scale - row_max[i] * scale)
                T.reduce_sum(x, blk_sum, dim=1)
                for i in T.Parallel(block_M):
                    row_sum[i] = row_sum[i] * T.exp2(prev_max[i] * scale - row_max[i] * scale) + blk_sum[i]
            for kb in T.serial(num_blocks):
                T.copy(X[bx * block_M, kb * block_N], x)
                for i, j in T.Parallel(block_M, block_N):
                    out[i, j] = T.exp2(x[i, j] * scale - row_max[i] * scale) / row_sum[i]
                T.copy(out, Y[bx * block_M, kb * block_N])

    return main


if __name__ == "__main__":
    import torch
    kernel = softmax(4096, 8192, 16, 1024)
    x = torch.randn(4096, 8192, dtype=torch.float16, device="cuda")
    torch.testing.assert_close(kernel(x), torch.softmax(x.float(), dim=-1).half(), rtol=1e-2, atol=1e-2)
