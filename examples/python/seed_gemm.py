# The seed document's GEMM (kernel_authoring_comparison.md, "Matrix Multiplication"), its GPU and
# Tenstorrent flows as written there, then run on the TT simulator and checked against numpy.
#   python -m tilec run examples/python/seed_gemm.py [OUT_DIR]
import sys

import numpy as np
import tilelang
import tilelang as tl
import tilelang.language as T
import tilelang.tt as tt
import tvm

from check import check

M = N = K = 128


@T.prim_func
def matmul(A: T.Buffer[(M, K), "float16"],
           B: T.Buffer[(K, N), "float16"],
           C: T.Buffer[(M, N), "float16"]):
    with T.Kernel(T.ceildiv(M, 32), T.ceildiv(N, 32)) as (bx, by):
        # Allocate shared memory tiles
        A_tile = T.alloc_shared((32, 32), "float16")
        B_tile = T.alloc_shared((32, 32), "float16")
        C_tile = T.alloc_local((32, 32), "float16")

        # Initialize accumulator
        for i, j in T.Parallel(32, 32):
            C_tile[i, j] = 0.0

        # K-loop: Accumulate partial products
        for k in T.Pipelined(T.ceildiv(K, 32)):
            # Load tiles from global memory
            for i, j in T.Parallel(32, 32):
                A_tile[i, j] = A[by * 32 + i, k * 32 + j]
                B_tile[i, j] = B[k * 32 + i, bx * 32 + j]

            # Compute: C_tile += A_tile @ B_tile
            for i, j, kk in T.Parallel(32, 32, 32):
                C_tile[i, j] += A_tile[i, kk] * B_tile[kk, j]

        # Write result back to global memory
        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = C_tile[i, j]


def main():
    # GPU backend (automatic)
    mod = tvm.IRModule.from_expr(matmul)
    mod = tl.compilation.apply_default_schedule(mod, target="cuda")
    cuda_code, runtime = tl.compilation.lower_and_build(mod, target="cuda")
    print(f"CUDA: {len(cuda_code.splitlines())} lines, runtime on {runtime.target}")

    # Tenstorrent backend
    mod = tvm.IRModule.from_expr(matmul)
    mod = tt.apply_tt_defaults(mod)      # Add default schedule/sharding
    mod = tt.apply_tt_metadata_passes(mod)       # Lower to persistent + CBs + tensorization
    artifacts = tt.emit_tt_artifacts(mod, out_dir=sys.argv[1] if len(sys.argv) > 1 else None)
    print("TT artifacts:", ", ".join(sorted(artifacts)))

    rng = np.random.default_rng(0)
    a = rng.uniform(-1, 1, (M, K)).astype(np.float16)
    b = rng.uniform(-1, 1, (K, N)).astype(np.float16)
    want = a.astype(np.float64) @ b.astype(np.float64)
    check("C (gpu runtime)", runtime(a, b), want)
    kernel = tilelang.compile(matmul, out_idx=-1, target="tt-sim")
    check("C (tt-sim)", kernel(a, b), want)
    print("tt-sim:", kernel.report["cycles"], "cycles, matmul utilisation", kernel.report["utilization"])


if __name__ == "__main__":
    main()
