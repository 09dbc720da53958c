# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(32,), "float32"]):
    with T.Kernel(1) as bx:
        x = T.alloc_fragment((32,), "float32")
        x[32] = 1.0
# CHECK: index_out_of_bounds.py:[[@LINE-1]]:{{[0-9]+}}: error: index 32 is out of bounds for dimension 0 of x (extent 32, valid indices 0..31){{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
