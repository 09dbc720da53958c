# Corpus (eager style): out-of-place transpose through a shared tile, read row-major and written
# transposed.
# tilec: --call "transpose.compile(M=64, N=96, block=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def transpose(A, block, dtype=T.float32):
    M, N = T.const("M, N")
    A: T.Tensor((M, N), dtype)
    B = T.empty((N, M), dtype)

    with T.Kernel(T.ceildiv(N, block), T.ceildiv(M, block), threads=128) as (bx, by):
        tile = T.alloc_shared((block, block), dtype)
        out = T.alloc_fragment((block, block), dtype)
        T.copy(A[by * block, bx * block], tile)
        for i, j in T.Parallel(block, block):
            out[i, j] = tile[j, i]
        T.copy(out, B[bx * block, by * block])

    return B
