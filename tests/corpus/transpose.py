# Corpus: matrix transpose through a shared tile — read a block_M x block_N tile coalesced, write
# it back transposed: B[bx*bn + j, by*bm + i] = tile[i, j].
# tilec: --call "transpose(96, 64)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[1])
def transpose(M, N, block_M=32, block_N=32, dtype="bfloat16"):

    @T.prim_func
    def main(A: T.Tensor((M, N), dtype), B: T.Tensor((N, M), dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=256) as (bx, by):
            tile = T.alloc_shared((block_M, block_N), dtype)
            T.copy(A[by * block_M, bx * block_N], tile)
            for j, i in T.Parallel(block_N, block_M):
                B[bx * block_N + j, by * block_M + i] = tile[i, j]

    return main
