# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(128, 128), "float16"]):
    with T.Kernel(1) as bx:
        A_s = T.alloc_shared((64, 32), "float16")
        T.copy(A[0:64, 0:32], A_s[16, 0])
# CHECK: copy_region_out_of_tile.py:[[@LINE-1]]:{{[0-9]+}}: error: the copy destination region A_s[16 +: 64, 0 +: 32] is out of bounds in dimension 0: it covers [16, 80) but A_s has extent 64{{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
