# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(32, 32), "float16"]):
    with T.Kernel(1) as bx:
        B_s = T.alloc_shared((32, 32), "float16")
        C_f = T.alloc_fragment((32, 32), "float32")
        T.gemm(A, B_s, C_f)
# CHECK: gemm_global_operand.py:[[@LINE-1]]:{{[0-9]+}}: error: gemm operand A (A) is a global buffer; gemm reads shared or fragment tiles{{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
