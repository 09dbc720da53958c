# RUN: %tilec compile %s --target cuda -o %t
# RUN: FileCheck %s < %t/kernel.cu
# RUN: %tilec compile %s --target hip -o %t.hip
# RUN: FileCheck %s --check-prefix=HIP < %t.hip/kernel.hip
# Atomic updates print as calls of the tilec_atomic_* helpers, which the kernel file defines once
# (native atomics where CUDA and HIP share them, a 32-bit compare-and-swap loop otherwise).
import tilelang.language as T

@T.prim_func
def main(A: T.Tensor((64, 32), "float32"), H: T.Tensor((32,), "float16"), S: T.Tensor((32,), "float32")):
    with T.Kernel(2, threads=64) as bx:
        for i, j in T.Parallel(32, 32):
            T.atomic_max(H[j], A[bx * 32 + i, j])
            T.atomic_add(S[j], A[bx * 32 + i, j])
# CHECK: __device__ __forceinline__ void tilec_atomic_cas(T *p, F combine)
# CHECK: old = atomicCAS(word, assumed,
# CHECK: __device__ __forceinline__ void tilec_atomic_add(float *p, float v) { atomicAdd(p, v); }
# CHECK: tilec_atomic_max(&{{[A-Za-z_0-9]+}}[{{.*}}], static_cast<half>(
# CHECK: tilec_atomic_add(&{{[A-Za-z_0-9]+}}[{{.*}}], static_cast<float>(
# HIP: #include <hip/hip_runtime.h>
# HIP: tilec_atomic_max(&{{[A-Za-z_0-9]+}}[{{.*}}], static_cast<half>(
