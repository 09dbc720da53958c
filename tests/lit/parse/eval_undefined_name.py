# RUN: not %tilec compile %s -D M=64 2>&1 | FileCheck %s
# A typo in a kernel body is an undefined name, located at the name.
import tilelang.language as T

@T.prim_func
def scale(A: T.Buffer[(M,), "float32"], B: T.Buffer[(M,), "float32"]):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        for i in T.Parallel(32):
            B[bx * 32 + i] = A[bx * 32 + ii] * 2.0
# CHECK: eval_undefined_name.py:9:42: error: undefined name 'ii'
# CHECK-NEXT: {{^}}            B[bx * 32 + i] = A[bx * 32 + ii] * 2.0
# CHECK-NEXT: {{^}}                                         ^
