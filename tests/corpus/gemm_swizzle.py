# Corpus: a tuned fp16 GEMM the way TileLang users write it — block sizes as factory parameters,
# rasterised block order (T.use_swizzle) and swizzled shared layouts (T.annotate_layout), a
# three-stage software pipeline and an fp32 accumulator written back as fp16.
# tilec: --call "matmul(128, 128, 128, 64, 64, 32)"
import argparse

import tilelang
import tilelang.language as T
from tilelang.intrinsics import make_mma_swizzle_layout as make_swizzle_layout


@tilelang.jit(out_idx=[-1])
def matmul(M, N, K, block_M, block_N, block_K, dtype="float16", accum_dtype="float", num_stages=3,
           threads=128, enable_rasterization=True):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((K, N), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=threads) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)

            T.annotate_layout({
                A_shared: make_swizzle_layout(A_shared),
                B_shared: make_swizzle_layout(B_shared),
            })
            # Improves L2 reuse on a real GPU; the result does not depend on it.
            T.use_swizzle(panel_size=10, enable=enable_rasterization)

            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=num_stages):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)

            T.copy(C_local, C[by * block_M, bx * block_N])

    return main


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--m", type=int, default=4096)
    parser.add_argument("--n", type=int, default=4096)
    parser.add_argument("--k", type=int, default=4096)
    args = parser.parse_args()

    import torch
    kernel = matmul(args.m, args.n, args.k, 128, 128, 32)
    a = torch.randn(args.m, args.k, device="cuda", dtype=torch.float16)
    b = torch.randn(args.k, args.n, device="cuda", dtype=torch.float16)
    c = kernel(a, b)
    torch.testing.assert_close(c, a @ b, rtol=1e-2, atol=1e-2)
    profiler = kernel.get_profiler()
    latency = profiler.do_bench(warmup=100)
    print(f"{2 * args.m * args.n * args.k / latency * 1e-9:.1f} TFLOP/s")


if __name__ == "__main__":
    main()
