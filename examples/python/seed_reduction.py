# The seed document's row-sum reduction ("Reduction Operations"), on the TT simulator, checked
# against numpy.
#   python -m tilec run examples/python/seed_reduction.py [OUT_DIR]
import sys

import numpy as np
import tilelang
import tilelang.language as T
import tilelang.tt as tt
import tvm

from check import check

M, N = 64, 96


@T.prim_func
def reduce_sum(A: T.Buffer[(M, N), "float16"],
               B: T.Buffer[(M,), "float16"]):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        partial_sum = T.alloc_local((32,), "float32")

        # Initialize
        for i in T.Parallel(32):
            partial_sum[i] = 0.0

        # Reduce across columns
        for j in range(N):
            for i in T.Parallel(32):
                partial_sum[i] += A[bx * 32 + i, j]

        # Write result
        for i in T.Parallel(32):
            B[bx * 32 + i] = partial_sum[i]


def main():
    mod = tt.apply_tt_metadata_passes(tt.apply_tt_defaults(tvm.IRModule.from_expr(reduce_sum)))
    artifacts = tt.emit_tt_artifacts(mod, out_dir=sys.argv[1] if len(sys.argv) > 1 else None)
    print("TT artifacts:", ", ".join(sorted(artifacts)))
    a = np.random.default_rng(2).uniform(-1, 1, (M, N)).astype(np.float16)
    kernel = tilelang.compile(reduce_sum, out_idx=-1, target="tt-sim")
    check("B (tt-sim)", kernel(a), a.astype(np.float64).sum(axis=1))


if __name__ == "__main__":
    main()
