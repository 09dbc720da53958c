# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(32,), "float32"], B: T.Buffer[(32,), "float32"]):
    with T.Kernel(1) as bx:
        for i in T.Parallel(32):
            B[i] = (A[i] > 0) * A[i]
# CHECK: bool_arithmetic.py:[[@LINE-1]]:{{[0-9]+}}: error: arithmetic '*' on a bool value in `(A[i] > 0) * A[i]`; bool values combine only with and/or/not{{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
