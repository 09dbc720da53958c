# RUN: not %tilec compile %s --call "k(64)" 2>&1 | FileCheck %s
# A GPU block has at most 1024 threads.
import tilelang.language as T

def k(n):
    @T.prim_func
    def kernel(A: T.Tensor((n,), "float32")):
        with T.Kernel(1, threads=2048) as bx:
            for i in T.Parallel(n):
                A[i] = 0.0
    return kernel
# CHECK: kernel_too_many_threads.py:8:14: error: T.Kernel threads must be between 1 and 1024, got 2048
# CHECK-NEXT: {{^}}        with T.Kernel(1, threads=2048) as bx:
# CHECK-NEXT: {{^}}             ^
