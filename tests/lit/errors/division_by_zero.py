# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(32,), "float32"]):
    with T.Kernel(1) as bx:
        x = T.alloc_fragment((32,), "float32")
        for i in range(32):
            x[i // 0] = A[i]
# CHECK: division_by_zero.py:[[@LINE-1]]:{{[0-9]+}}: error: division by zero in `i // 0`{{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
