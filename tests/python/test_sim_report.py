"""The simulator's accounting after a run from Python: a compute kernel's UNPACK, MATH and PACK
threads work at the same time, so none of them, and not the kernel, may be busy for longer than the
kernel ran (the sum of the threads once reported a one-core GEMM with a GELU epilogue 112% busy)."""
import numpy as np
import pytest

import tilec

GEMM_GELU = '''
import tilec
import tilec.language as T


def matmul_gelu(M, N, K, block_M=64, block_N=64, block_K=32, dtype="float16", accum_dtype="float32"):
    @T.prim_func
    def main(A: T.Tensor((M, K), dtype), B: T.Tensor((K, N), dtype), C: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M)) as (bx, by):
            A_s = T.alloc_shared((block_M, block_K), dtype)
            B_s = T.alloc_shared((block_K, block_N), dtype)
            C_l = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.clear(C_l)
            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=2):
                T.copy(A[by * block_M, k * block_K], A_s)
                T.copy(B[k * block_K, bx * block_N], B_s)
                T.gemm(A_s, B_s, C_l)
            for i, j in T.Parallel(block_M, block_N):
                x = C_l[i, j]
                C_l[i, j] = 0.5 * x * (1.0 + T.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))
            T.copy(C_l, C[by * block_M, bx * block_N])
    return main
'''


@pytest.mark.parametrize("grid", [(1, 1), (2, 2)])
def test_busy_never_exceeds_elapsed(kernel_file, grid):
    mod, _ = kernel_file(GEMM_GELU)
    kernel = tilec.compile(mod.matmul_gelu(128, 128, 64), out_idx=[-1], target="tt-sim", grid=grid)
    rng = np.random.default_rng(3)
    a = rng.uniform(-1, 1, (128, 64)).astype(np.float16)
    b = rng.uniform(-1, 1, (64, 128)).astype(np.float16)
    c = kernel(a, b)
    x = a.astype(np.float64) @ b.astype(np.float64)
    want = 0.5 * x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x ** 3)))
    assert np.abs(np.asarray(c, np.float64) - want).max() < 2e-2

    program = kernel.report["raw"]["programs"][0]
    computes = [k for k in program["kernels"] if "threads" in k]
    assert computes, "no compute kernel reported its threads"
    for k in program["kernels"]:
        assert 0 < k["busy_cycles"] <= k["finish_cycle"] <= program["cycles"], k
    for k in computes:
        threads = k["threads"]
        assert set(threads) == {"unpack", "math", "pack"}
        busiest = max(t["busy_cycles"] for t in threads.values())
        assert k["busy_cycles"] == busiest
        assert threads["math"]["busy_cycles"] > 0 and threads["pack"]["busy_cycles"] > 0
        for t in threads.values():
            assert t["busy_cycles"] + t.get("wait_cycles", 0) <= k["finish_cycle"], (k["core"], threads)
    for shares in kernel.report["core_busy"].values():
        assert all(0 < s <= 1.0 for s in shares.values()), shares
