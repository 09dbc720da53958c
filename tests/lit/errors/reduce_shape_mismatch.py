# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(16, 64), "float32"]):
    with T.Kernel(1) as bx:
        s = T.alloc_fragment((16, 64), "float32")
        d = T.alloc_fragment((64,), "float32")
        T.copy(A, s)
        T.reduce_sum(s, d, dim=1)
# CHECK: reduce_shape_mismatch.py:[[@LINE-1]]:{{[0-9]+}}: error: reduce shapes do not match: reducing s (16, 64) along dim 1 gives (16) but destination d is (64){{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
