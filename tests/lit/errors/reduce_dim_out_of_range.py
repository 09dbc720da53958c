# A 1-D source has one dimension: dim=1 names none (dim=0 and dim=-1 both reduce it to one element).
# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(64,), "float32"]):
    with T.Kernel(1) as bx:
        x = T.alloc_fragment((64,), "float32")
        m = T.alloc_fragment((1,), "float32")
        T.copy(A, x)
        T.reduce_max(x, m, dim=1)
# CHECK: reduce_dim_out_of_range.py:[[@LINE-1]]:{{[0-9]+}}: error: T.reduce_max: dim=1 is out of range for the 1-D source x; use 0 or -1
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
