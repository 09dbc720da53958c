# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(C: T.Buffer[(64, 64), "float32"]):
    with T.Kernel(1) as bx:
        A_s = T.alloc_shared((32, 64), "float16")
        B_s = T.alloc_shared((64, 64), "float16")
        C_f = T.alloc_fragment((64, 64), "float32")
        T.gemm(A_s, B_s, C_f)
# CHECK: gemm_m_mismatch.py:[[@LINE-1]]:{{[0-9]+}}: error: gemm M mismatch: A is (32, 64) but C is (64, 64){{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
