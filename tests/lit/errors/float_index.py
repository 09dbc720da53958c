# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(64,), "float32"]):
    with T.Kernel(1) as bx:
        x = T.alloc_fragment((32,), "float32")
        for i in range(32):
            x[i] = A[i / 2]
# CHECK: float_index.py:[[@LINE-1]]:{{[0-9]+}}: error: index 0 of A must be an integer expression, got float32 `i / 2`; use // for integer division{{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
