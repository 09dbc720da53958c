# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(B: T.Buffer[(128,), "float16"]):
    with T.Kernel(1) as bx:
        t = T.alloc_fragment((32, 32), "float16")
        T.clear(t)
        T.copy(t, B[0])
# CHECK: copy_into_lower_rank.py:[[@LINE-1]]:{{[0-9]+}}: error: cannot copy a (32, 32) region of t into B, which has rank 1{{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
