# RUN: not %tilec compile %s 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(32, 32), "float16"]):
    with T.Kernel(1) as bx:
        A_s = T.alloc_shared((32, 32), "float16")
        C_s = T.alloc_shared((32, 32), "float32")
        T.gemm(A_s, A_s, C_s)
# CHECK: gemm_shared_accumulator.py:[[@LINE-1]]:{{[0-9]+}}: error: gemm accumulator C (C_s) is a shared buffer; gemm accumulates into a T.alloc_fragment or T.alloc_local tile{{.*}}
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
