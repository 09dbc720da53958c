# RUN: %tilec compile %s --emit ir-raw | FileCheck %s
# TVM's `x.astype(dtype)` on kernel scalars is T.cast; T.clamp(x, lo, hi) is min(max(x, lo), hi);
# T.max_value / T.min_value are the dtype's finite limits.
import tilelang
import tilelang.language as T

@tilelang.jit(out_idx=[-1])
def q(n=32, dtype="float16"):
    @T.prim_func
    def main(A: T.Tensor((n,), dtype), B: T.Tensor((n,), "int8")):
        with T.Kernel(1, threads=32) as bx:
            for i in T.Parallel(n):
                B[i] = T.clamp(A[i].astype("float32") * 4.0, T.min_value("int8"), T.max_value("int8")).astype("int8")
    return main
# CHECK: B[i] = cast<int8>(min(max(cast<float32>(A[i]) * 4.0, -128), 127))
