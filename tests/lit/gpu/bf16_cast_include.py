# RUN: %tilec compile %s --target cuda -o %t
# RUN: FileCheck %s < %t/kernel.cu
# RUN: %tilec compile %s --target hip -o %t.hip
# RUN: FileCheck %s --check-prefix=HIP < %t.hip/kernel.hip
# Found by tools/fuzz (finding F6, campaign seed 1552): a cast to bfloat16 inside an expression
# of a float32 kernel spelled __nv_bfloat16 without including its header (nvcc: "incomplete
# type"). The headers now follow every type the code spells, not only the buffers' dtypes.
# CHECK: #include <cuda_bf16.h>
# CHECK: __nv_bfloat16(
# HIP: hip_bf16.h
import tilelang.language as T


@T.prim_func
def main(X: T.Buffer[(32,), "float32"], Y: T.Buffer[(32,), "float32"]):
    with T.Kernel(1, threads=32) as bx:
        for i in T.Parallel(32):
            Y[i] = T.cast(T.cast(X[i], "bfloat16"), "float32") * 2.0
