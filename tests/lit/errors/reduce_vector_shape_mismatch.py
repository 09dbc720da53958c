# Reducing the only dimension of a 1-D source leaves one element, not a vector.
# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(64,), "float32"]):
    with T.Kernel(1) as bx:
        x = T.alloc_fragment((64,), "float32")
        m = T.alloc_fragment((2,), "float32")
        T.copy(A, x)
        T.reduce_sum(x, m, dim=0)
# CHECK: reduce_vector_shape_mismatch.py:[[@LINE-1]]:{{[0-9]+}}: error: reduce shapes do not match: reducing x (64) along dim 0 gives (1) but destination m is (2){{$}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
