# RUN: not %tilec compile %s --kernel third 2>&1 | FileCheck %s
# --kernel names a kernel the file does not define.
import tilelang.language as T

@T.prim_func
def first(A: T.Buffer[(32,), "float32"]):
    with T.Kernel(1) as bx:
        for i in T.Parallel(32):
            A[i] = 1.0
# CHECK: meta_unknown_kernel.py: error: no top-level @T.prim_func named 'third' (kernels in this file: first)
