# The seed document's element-wise add ("Elementwise Operations"), compiled for Tenstorrent and
# run on the simulator, checked against numpy.
#   python -m tilec run examples/python/seed_elementwise.py [OUT_DIR]
import sys

import numpy as np
import tilelang
import tilelang.language as T
import tilelang.tt as tt
import tvm

from check import check

M = N = 96  # as in the seed, bx walks T.ceildiv(M, 32) but indexes columns: M == N


@T.prim_func
def elementwise_add(A: T.Buffer[(M, N), "float16"],
                    B: T.Buffer[(M, N), "float16"],
                    C: T.Buffer[(M, N), "float16"]):
    with T.Kernel(T.ceildiv(M, 32), T.ceildiv(N, 32)) as (bx, by):
        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = \
                A[by * 32 + i, bx * 32 + j] + B[by * 32 + i, bx * 32 + j]


def main():
    mod = tt.apply_tt_metadata_passes(tt.apply_tt_defaults(tvm.IRModule.from_expr(elementwise_add)))
    artifacts = tt.emit_tt_artifacts(mod, out_dir=sys.argv[1] if len(sys.argv) > 1 else None)
    assert "add_tiles" in artifacts["kernels/compute.cpp"]
    print("TT artifacts:", ", ".join(sorted(artifacts)))
    rng = np.random.default_rng(1)
    a = rng.uniform(-1, 1, (M, N)).astype(np.float16)
    b = rng.uniform(-1, 1, (M, N)).astype(np.float16)
    kernel = tilelang.compile(elementwise_add, out_idx=-1, target="tt-sim")
    check("C (tt-sim)", kernel(a, b), a.astype(np.float64) + b.astype(np.float64), rel=1e-2)


if __name__ == "__main__":
    main()
