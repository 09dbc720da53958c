# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(128, 128), "float16"]):
    with T.Kernel(1) as bx:
        A_s = T.alloc_shared((32, 32), "float16")
        T.copy(A[0:32, 0:64], A_s)
# CHECK: copy_extents_mismatch.py:[[@LINE-1]]:{{[0-9]+}}: error: copy extents do not match: source A has (32, 64), destination A_s has (32, 32); both sides must have the same non-unit extents in the same order{{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
