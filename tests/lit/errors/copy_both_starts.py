# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(64, 64), "float16"], B: T.Buffer[(64, 64), "float16"]):
    with T.Kernel(1) as bx:
        T.copy(A[0, 0], B[0, 0])
# CHECK: copy_both_starts.py:[[@LINE-1]]:{{[0-9]+}}: error: cannot infer the extent of the copy: source A and destination B both give only a start{{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
