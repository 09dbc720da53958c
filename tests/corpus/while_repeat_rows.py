# Corpus: a run-time `while` loop on T.alloc_var scalars — each block reads its own repetition
# count from a tensor (so the trip count is known only when the kernel runs) and applies a damped
# update to its row that many times (0 to 8).
# tilec: --call "repeat_rows(12, 48)"
import tilelang
import tilelang.language as T


@tilelang.jit
def repeat_rows(M, N):

    @T.prim_func
    def main(X: T.Tensor((M, N), "float32"), Reps: T.Tensor((M,), "int32"),
             Out: T.Tensor((M, N), "float32")):
        with T.Kernel(M, threads=32) as bx:
            acc = T.alloc_fragment((N,), "float32")
            T.clear(acc)
            done = T.alloc_var("int32")
            limit = T.alloc_var("int32")
            done = 0
            limit = Reps[bx] + 4  # the random inputs are in [-4, 4]
            while done < limit:
                for j in T.Parallel(N):
                    acc[j] = acc[j] * 0.5 + X[bx, j]
                done += 1
            T.copy(acc, Out[bx, 0])

    return main
