# Corpus: GEMV y = W x with W stored (N, K) — each block owns BLOCK_N outputs; every output row
# walks K in BLOCK_K chunks with a serial inner loop (T.unroll) and an fp32 accumulator.
# tilec: --call "gemv(256, 128, 64, 32)"
import tilelang as tl
import tilelang.language as T


@tl.jit(out_idx=[-1])
def gemv(N: int, K: int, BLOCK_N: int, BLOCK_K: int, dtype: str = "float16", accum_dtype: str = "float"):

    @T.prim_func
    def main(W: T.Tensor((N, K), dtype), x: T.Tensor((K,), dtype), y: T.Tensor((N,), dtype)):
        with T.Kernel(T.ceildiv(N, BLOCK_N), threads=BLOCK_N) as bn:
            x_shared = T.alloc_shared((BLOCK_K,), dtype)
            w_shared = T.alloc_shared((BLOCK_N, BLOCK_K), dtype)
            acc = T.alloc_fragment((BLOCK_N,), accum_dtype)
            T.clear(acc)
            for bk in T.serial(T.ceildiv(K, BLOCK_K)):
                T.copy(x[bk * BLOCK_K], x_shared)
                T.copy(W[bn * BLOCK_N, bk * BLOCK_K], w_shared)
                for n in T.Parallel(BLOCK_N):
                    for k in T.unroll(BLOCK_K):
                        acc[n] += T.cast(w_shared[n, k], accum_dtype) * T.cast(x_shared[k], accum_dtype)
            T.copy(acc, y[bn * BLOCK_N])

    return main
