# RUN: %tilec compile %s --target cuda -o %t
# RUN: FileCheck %s < %t/kernel.cu
# A cast to int8 prints as a C cast: `signed char(x)` is not valid C++ (two-word type name).
# tilec: --call "to_int8(128)"
import tilelang
import tilelang.language as T

@tilelang.jit(out_idx=[-1])
def to_int8(n):
    @T.prim_func
    def main(A: T.Tensor((n,), "float32"), Q: T.Tensor((n,), "int8")):
        with T.Kernel(T.ceildiv(n, 128), threads=128) as bx:
            for i in T.Parallel(128):
                Q[bx * 128 + i] = T.cast(T.clamp(A[bx * 128 + i] * 64.0, -128.0, 127.0), "int8")
    return main
# CHECK: = (signed char)(fminf(fmaxf(
