# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(32, 32), "float16"]):
    with T.Kernel(1) as bx:
        A_s = T.alloc_shared((0, 32), "float16")
        T.copy(A[0, 0], A_s)
# CHECK: tile_zero_dimension.py:[[@LINE-2]]:{{[0-9]+}}: error: dimension 0 of A_s must be positive, got 0{{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
