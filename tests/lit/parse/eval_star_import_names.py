# RUN: %tilec compile %s --call "scale(64)" --emit ir-raw | FileCheck %s
# RUN: not %tilec compile %s --call "broken(64)" 2>&1 | FileCheck %s --check-prefix=ERR
# `from tilelang.autotuner import *` binds autotune (a decorator tilec records and does not run);
# a name from a star import of a module tilec does not know stays undefined, and the error says
# where it may have come from.
import tilelang
import tilelang.language as T
from tilelang.autotuner import *
from my_helpers import *


@autotune(configs=[{"block": 32}], warmup=5, rep=5)
@tilelang.jit(out_idx=[-1])
def scale(M, block=32):
    @T.prim_func
    def main(A: T.Tensor((M,), "float32"), B: T.Tensor((M,), "float32")):
        with T.Kernel(T.ceildiv(M, block)) as bx:
            for i in T.Parallel(block):
                B[bx * block + i] = A[bx * block + i] * 2.0
    return main
# CHECK: kernel main(A: float32[64], B: float32[64])
# CHECK-NEXT: @autotune(configs=[{"block": 32}], rep=5, warmup=5)
# CHECK-NEXT: @jit(out_idx=[-1])


def broken(M):
    @T.prim_func
    def main(A: T.Tensor((M,), "float32")):
        with T.Kernel(1) as bx:
            for i in T.Parallel(M):
                A[i] = helper_scale(A[i])
    return main
# ERR: eval_star_import_names.py:[[@LINE-2]]:24: error: undefined name 'helper_scale' (unless it comes from `from my_helpers import *`: tilec does not know that module's names)
