# The seed document's memory-management snippets ("GPU: Shared Memory" and "Tenstorrent: Circular
# Buffers"), completed into kernels (sizes and a use of the tile defined), on the TT simulator
# and the CUDA lowering's simulated threads, checked against numpy.
#   python -m tilec run examples/python/seed_shared_memory.py [OUT_DIR]
import sys

import numpy as np
import tilelang
import tilelang.language as T
import tilelang.tt as tt
import tvm

from check import check

M, N = 64, 96


@T.prim_func
def use_shared_memory(global_mem: T.Buffer[(M, N), "float16"],
                      out: T.Buffer[(M, N), "float16"]):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        shared_tile = T.alloc_shared((32, 32), "float16")  # __shared__

        # Cooperative load
        for i, j in T.Parallel(32, 32):
            shared_tile[i, j] = global_mem[by * 32 + i, bx * 32 + j]

        # Synchronize before use
        T.syncthreads()

        # Use shared_tile...
        for i, j in T.Parallel(32, 32):
            out[by * 32 + i, bx * 32 + j] = shared_tile[i, j] * 2.0


@T.prim_func
def use_circular_buffers(global_mem: T.Buffer[(M, N), "bfloat16"],
                         out: T.Buffer[(M, N), "bfloat16"]):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        local_tile = T.alloc_shared((32, 32), "bfloat16")
        # T.copy automatically lowers to CBs
        for i, j in T.Parallel(32, 32):
            local_tile[i, j] = T.copy(global_mem[by * 32 + i, bx * 32 + j])  # DRAM → CB → local

        # Compute uses tiles from CB
        for i, j in T.Parallel(32, 32):
            out[by * 32 + i, bx * 32 + j] = -local_tile[i, j]


def main():
    import ml_dtypes
    out_dir = sys.argv[1] if len(sys.argv) > 1 else None
    for func in (use_shared_memory, use_circular_buffers):
        mod = tt.apply_tt_metadata_passes(tt.apply_tt_defaults(tvm.IRModule.from_expr(func)))
        artifacts = tt.emit_tt_artifacts(mod, out_dir=out_dir and f"{out_dir}/{func.__name__}")
        print(func.__name__, "TT artifacts:", ", ".join(sorted(artifacts)))
    rng = np.random.default_rng(3)
    x = rng.uniform(-1, 1, (M, N)).astype(np.float16)
    check("out (tt-sim)", tilelang.compile(use_shared_memory, out_idx=-1, target="tt-sim")(x), 2.0 * x.astype(np.float64))
    check("out (gpu-interp)", tilelang.compile(use_shared_memory, out_idx=-1, target="gpu-interp")(x),
          2.0 * x.astype(np.float64))
    y = rng.uniform(-1, 1, (M, N)).astype(ml_dtypes.bfloat16)
    check("out (tt-sim, bf16)", tilelang.compile(use_circular_buffers, out_idx=-1, target="tt-sim")(y),
          -y.astype(np.float64))


if __name__ == "__main__":
    main()
