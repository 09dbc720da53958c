# Corpus (eager style): batched GEMM C[b] = A[b] @ B[b], the batch as the grid's third axis and
# 3-D slices copied into 2-D shared tiles.
# tilec: --call "bmm.compile(BATCH=2, M=64, N=64, K=64, block_M=32, block_N=32, block_K=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def bmm(A, B, block_M, block_N, block_K, dtype=T.float16, accum_dtype=T.float32):
    BATCH, M, N, K = T.const("BATCH, M, N, K")
    A: T.Tensor((BATCH, M, K), dtype)
    B: T.Tensor((BATCH, K, N), dtype)
    C = T.empty((BATCH, M, N), dtype)

    with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), BATCH, threads=128) as (bx, by, bz):
        a = T.alloc_shared((block_M, block_K), dtype)
        b = T.alloc_shared((block_K, block_N), dtype)
        c = T.alloc_fragment((block_M, block_N), accum_dtype)
        T.clear(c)
        for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
            T.copy(A[bz, by * block_M:(by + 1) * block_M, k * block_K:(k + 1) * block_K], a)
            T.copy(B[bz, k * block_K:(k + 1) * block_K, bx * block_N:(bx + 1) * block_N], b)
            T.gemm(a, b, c)
        T.copy(c, C[bz, by * block_M:(by + 1) * block_M, bx * block_N:(bx + 1) * block_N])

    return C
