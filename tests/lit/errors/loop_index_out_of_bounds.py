# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(32,), "float32"]):
    with T.Kernel(1) as bx:
        x = T.alloc_fragment((32,), "float32")
        for i in range(32):
            x[i + 1] = A[i]
# CHECK: loop_index_out_of_bounds.py:[[@LINE-1]]:{{[0-9]+}}: error: index `i + 1` reaches 32, which is out of bounds for dimension 0 of x{{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
