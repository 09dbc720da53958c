# RUN: not %tilec compile %s --call "gemv(128, 128, 64, 64)" 2>&1 | FileCheck %s
# Explicit thread indices (T.get_thread_binding) are not supported yet: kernels use T.Parallel.
import tilelang
import tilelang.language as T

@tilelang.jit(out_idx=[-1])
def gemv(N, K, BLOCK_N, BLOCK_K, dtype="float16"):
    @T.prim_func
    def main(A: T.Tensor((K,), dtype), B: T.Tensor((N, K), dtype), C: T.Tensor((N,), dtype)):
        with T.Kernel(T.ceildiv(N, BLOCK_N)) as bn:
            tn = T.get_thread_binding(0)
            C[bn * BLOCK_N + tn] = A[0] * B[bn * BLOCK_N + tn, 0]
    return main
# CHECK: not_supported_thread_binding.py:11:18: error: T.get_thread_binding is not supported yet
# CHECK-NEXT: {{^}}            tn = T.get_thread_binding(0)
# CHECK-NEXT: {{^}}                 ^
