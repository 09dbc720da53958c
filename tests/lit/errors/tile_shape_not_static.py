# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(M, 32), "float16"]):
    with T.Kernel(1) as bx:
        A_s = T.alloc_shared((M, 32), "float16")
        T.copy(A[0, 0], A_s)
# CHECK: tile_shape_not_static.py:[[@LINE-2]]:{{[0-9]+}}: error: tile shape must be static: A_s is (M, 32) and `M` is only known at run time{{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
