# RUN: %tilec compile %s --emit ir | FileCheck %s
# Library constants tilec does not model (tilelang.PassConfigKey.*) in decorator arguments are
# recorded by their dotted names, not rejected.
import tilelang
import tilelang.language as T

@tilelang.jit(out_idx=[1], pass_configs={tilelang.PassConfigKey.TL_ENABLE_FAST_MATH: True, "tl.disable_tma_lower": True})
def double(n=64):
    @T.prim_func
    def main(A: T.Tensor((n,), "float32"), B: T.Tensor((n,), "float32")):
        with T.Kernel(1, threads=64) as bx:
            for i in T.Parallel(n):
                B[i] = A[i] * 2.0
    return main
# CHECK: @jit(out_idx=[1], pass_configs={"tilelang.PassConfigKey.TL_ENABLE_FAST_MATH": True, "tl.disable_tma_lower": True})
