# Corpus: a scalar kernel parameter (`valid: T.int32`, a run-time integer passed after the
# tensors; `tilec run` takes it from -D) used in index guards, and a T.serial loop with a step.
# Rows at or past `valid` are zeroed; S gets, per valid row, the sum of every third column.
# tilec: --call "prefix_rows(64, 32)" -D valid=41
import tilelang
import tilelang.language as T


@tilelang.jit
def prefix_rows(M, N, block_M=16):

    @T.prim_func
    def main(A: T.Tensor((M, N), "float32"), B: T.Tensor((M, N), "float32"),
             S: T.Tensor((M,), "float32"), valid: T.int32):
        with T.Kernel(T.ceildiv(M, block_M), threads=64) as bx:
            for i, j in T.Parallel(block_M, N):
                row = bx * block_M + i
                B[row, j] = T.if_then_else(row < valid, A[row, j], 0.0)
            acc = T.alloc_fragment((block_M,), "float32")
            T.clear(acc)
            for c in T.serial(1, N, 3):
                for i in T.Parallel(block_M):
                    acc[i] += A[bx * block_M + i, c]
            for i in T.Parallel(block_M):
                if bx * block_M + i < valid:
                    S[bx * block_M + i] = acc[i]

    return main
