# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(32,), "float32"]):
    with T.Kernel(1) as bx:
        x = T.alloc_fragment((32,), "float32")
        for i in T.Parallel(33):
            x[i] = 0.0
# CHECK: fill_out_of_bounds.py:[[@LINE-1]]:{{[0-9]+}}: error: the fill destination region x[0 +: 33] is out of bounds in dimension 0: it covers [0, 33) but x has extent 32{{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
