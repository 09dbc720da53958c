# Written the way TileLang's own example_gemm / autotuning examples are written.
# tilec: --call "matmul(256, 256, 256, 64, 64, 32)"
import argparse
import itertools

import tilelang
import tilelang.language as T
from tilelang.autotuner import autotune
from tilelang.carver.arch import CUDA


def get_configs():
    block_M = [64, 128]
    block_N = [64, 128]
    block_K = [32, 64]
    num_stages = [0, 1, 2]
    thread_num = [128, 256]
    enable_rasterization = [True, False]
    _configs = list(itertools.product(block_M, block_N, block_K, num_stages, thread_num,
                                      enable_rasterization))
    return [{
        "block_M": c[0],
        "block_N": c[1],
        "block_K": c[2],
        "num_stages": c[3],
        "thread_num": c[4],
        "enable_rasteration": c[5],
    } for c in _configs]


@autotune(configs=get_configs(), warmup=3, rep=20)
@tilelang.jit(out_idx=[-1])
def matmul(M, N, K, block_M, block_N, block_K, num_stages=2, thread_num=128,
           enable_rasteration=False, dtype: str = "float16", accum_dtype: str = "float"):

    @T.prim_func
    def main(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((N, K), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        """The gemm kernel: C = A @ B^T."""
        with T.Kernel(
                T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=thread_num) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_N, block_K), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            C_shared = T.alloc_shared((block_M, block_N), dtype)
            T.use_swizzle(panel_size=10, enable=enable_rasteration)
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=num_stages):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[bx * block_N, k * block_K], B_shared)
                T.gemm(A_shared, B_shared, C_local, transpose_B=True)
            for (i, j) in T.Parallel(block_M, block_N):
                C_local[i, j] = T.max(C_local[i, j], T.float32(0))
            T.copy(C_local, C_shared)
            T.copy(C_shared, C[by * block_M, bx * block_N])

    return main


def ref_program(A, B):
    return A @ B.T


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Autotuned MatMul Benchmark")
    parser.add_argument("--m", type=int, default=16384, help="Matrix dimension M")
    args = parser.parse_args()
    M, N, K = args.m, args.m, args.m
    kernel = matmul(M, N, K, 128, 128, 32)
    profiler = kernel.get_profiler()
    latency = profiler.do_bench()
    print(f"Latency: {latency} ms")
