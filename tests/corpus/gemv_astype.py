# Corpus: GEMV in the style of TileLang's gemv examples — per-thread local accumulators
# (T.alloc_local((1,), ...)), a T.vectorized load loop, `.astype(accum_dtype)` on loads, and
# typed factory parameters (N: int, dtype: str = "float16").
# tilec: --call "naive_gemv(128, 256, 64, 32)"
import tilelang as tl
import tilelang.language as T


@tl.jit(out_idx=[-1])
def naive_gemv(N: int, K: int, BLOCK_N: int, BLOCK_K: int, dtype: str = "float16", accum_dtype: str = "float"):

    @T.prim_func
    def main(A: T.Tensor((K,), dtype), B: T.Tensor((N, K), dtype), C: T.Tensor((N,), dtype)):
        with T.Kernel(T.ceildiv(N, BLOCK_N), threads=BLOCK_N) as bn:
            A_shared = T.alloc_shared((BLOCK_K,), dtype)
            B_shared = T.alloc_shared((BLOCK_N, BLOCK_K), dtype)
            C_reg = T.alloc_fragment((BLOCK_N,), accum_dtype)
            T.clear(C_reg)
            for bk in T.serial(T.ceildiv(K, BLOCK_K)):
                for tk in T.vectorized(BLOCK_K):
                    A_shared[tk] = A[bk * BLOCK_K + tk]
                T.copy(B[bn * BLOCK_N, bk * BLOCK_K], B_shared)
                for tn in T.Parallel(BLOCK_N):
                    for tk in T.serial(BLOCK_K):
                        C_reg[tn] += A_shared[tk].astype(accum_dtype) * B_shared[tn, tk].astype(accum_dtype)
            for tn in T.Parallel(BLOCK_N):
                C[bn * BLOCK_N + tn] = C_reg[tn].astype(dtype)

    return main


def main():
    import argparse
    parser = argparse.ArgumentParser(description="GEMV Example")
    parser.add_argument("--n", type=int, default=1024, help="Matrix dimension N")
    parser.add_argument("--k", type=int, default=1024, help="Matrix dimension K")
    args, _ = parser.parse_known_args()
    kernel = naive_gemv(args.n, args.k, 128, 128)
    profiler = kernel.get_profiler()
    profiler.assert_allclose(lambda x, y: x @ y.T, atol=1e-2, rtol=1e-2)


if __name__ == "__main__":
    main()
