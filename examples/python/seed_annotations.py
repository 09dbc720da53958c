# The seed document's "Annotations and Metadata": defaults on one kernel, explicit schedule and
# sharding decorators on another; the choices reach tt.plan.json, and both run on the simulator.
#   python -m tilec run examples/python/seed_annotations.py [OUT_DIR]
import json
import sys

import numpy as np
import tilelang
import tilelang.language as T
import tilelang.tt as tt
import tvm

from check import check

M, N, K = 64, 64, 256
grid_x, grid_y = T.ceildiv(N, 32), T.ceildiv(M, 32)


@T.prim_func
def kernel(A: T.Tensor((M, K), "bfloat16"), B: T.Tensor((K, N), "bfloat16"), C: T.Tensor((M, N), "bfloat16")):
    with T.Kernel(grid_x, grid_y) as (bx, by):
        A_s = T.alloc_shared((32, 32), "bfloat16")
        B_s = T.alloc_shared((32, 32), "bfloat16")
        C_l = T.alloc_fragment((32, 32), "float32")
        T.clear(C_l)
        for k in T.Pipelined(T.ceildiv(K, 32)):
            T.copy(A[by * 32, k * 32], A_s)
            T.copy(B[k * 32, bx * 32], B_s)
            T.gemm(A_s, B_s, C_l)
        T.copy(C_l, C[by * 32, bx * 32])


# Apply TT-specific annotations
mod = tvm.IRModule.from_expr(kernel)

# Option 1: Use defaults (contiguous, row-major)
mod = tt.apply_tt_defaults(mod)

# Option 2: Explicit scheduling
from tilelang.tt import annotate_tt_schedule, annotate_tt_sharding


@annotate_tt_schedule(policy="contiguous", order="row_major", chunk_k_tiles=4)
@annotate_tt_sharding({
    "A": {"layout": "row_major"},
    "B": {"layout": "column_major"}
})
@T.prim_func
def kernel_with_annotations(A: T.Tensor((M, K), "bfloat16"), B: T.Tensor((K, N), "bfloat16"),
                            C: T.Tensor((M, N), "bfloat16")):
    with T.Kernel(grid_x, grid_y) as (bx, by):
        A_s = T.alloc_shared((32, 32), "bfloat16")
        B_s = T.alloc_shared((32, 32), "bfloat16")
        C_l = T.alloc_fragment((32, 32), "float32")
        T.clear(C_l)
        for k in T.Pipelined(T.ceildiv(K, 32)):
            T.copy(A[by * 32, k * 32], A_s)
            T.copy(B[k * 32, bx * 32], B_s)
            T.gemm(A_s, B_s, C_l)
        T.copy(C_l, C[by * 32, bx * 32])


def main():
    import ml_dtypes
    out_dir = sys.argv[1] if len(sys.argv) > 1 else None
    plans = {}
    for name, m in (("defaults", mod), ("annotated", tvm.IRModule.from_expr(kernel_with_annotations))):
        m = tt.apply_tt_metadata_passes(m)
        artifacts = tt.emit_tt_artifacts(m, out_dir=out_dir and f"{out_dir}/{name}")
        plans[name] = json.loads(artifacts["tt.plan.json"])
        sched = plans[name]["schedule"]
        layouts = {t["name"]: t["tile_order"] for t in plans[name]["tensors"]}
        print(f"{name}: policy={sched['policy']} order={sched['order']} chunk_k_tiles={sched['chunk_k_tiles']} "
              f"tile orders={layouts}")
    assert plans["annotated"]["schedule"]["chunk_k_tiles"] == 4
    assert {t["name"]: t["tile_order"] for t in plans["annotated"]["tensors"]}["B"] == "column_major"
    rng = np.random.default_rng(4)
    a = rng.uniform(-1, 1, (M, K)).astype(ml_dtypes.bfloat16)
    b = rng.uniform(-1, 1, (K, N)).astype(ml_dtypes.bfloat16)
    want = a.astype(np.float64) @ b.astype(np.float64)
    for f in (kernel, kernel_with_annotations):
        check(f"C {f.__name__} (tt-sim)", tilelang.compile(f, out_idx=-1, target="tt-sim")(a, b), want)


if __name__ == "__main__":
    main()
