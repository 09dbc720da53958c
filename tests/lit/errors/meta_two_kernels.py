# RUN: not %tilec compile %s 2>&1 | FileCheck %s
# Two top-level kernels and no --kernel: the diagnostic lists them.
import tilelang.language as T

@T.prim_func
def first(A: T.Buffer[(32,), "float32"]):
    with T.Kernel(1) as bx:
        for i in T.Parallel(32):
            A[i] = 1.0

@T.prim_func
def second(A: T.Buffer[(32,), "float32"]):
    with T.Kernel(1) as bx:
        for i in T.Parallel(32):
            A[i] = 2.0
# CHECK: meta_two_kernels.py: error: this file has several kernels (first, second); choose one with --kernel NAME
