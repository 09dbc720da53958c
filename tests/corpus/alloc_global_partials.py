# Corpus: T.alloc_global (a global scratch tensor made before `with T.Kernel`; tilec passes it as
# one more tensor parameter) and T.atomic_add from it. Each block reduces its band of rows to
# column sums, parks them in the scratch tensor, and adds them into Out atomically.
# tilec: --call "column_sums(96, 48)"
import tilelang
import tilelang.language as T


@tilelang.jit
def column_sums(M, N, block_M=32):
    num_blocks = T.ceildiv(M, block_M)

    @T.prim_func
    def main(A: T.Tensor((M, N), "float32"), Out: T.Tensor((N,), "float32")):
        Partial = T.alloc_global((num_blocks, N), "float32")
        with T.Kernel(num_blocks, threads=128) as bx:
            tile = T.alloc_fragment((block_M, N), "float32")
            sums = T.alloc_fragment((N,), "float32")
            T.copy(A[bx * block_M, 0], tile)
            T.reduce_sum(tile, sums, dim=0)
            T.copy(sums, Partial[bx, 0:N])
            T.sync_threads()
            for j in T.Parallel(N):
                T.atomic_add(Out[j], Partial[bx, j])

    return main
