# Scalar gemm nests with transposed operands and a serial k loop inside T.Parallel(i, j).
# RUN: %tilec compile %s --emit ir | FileCheck %s
import tilelang.language as T

@T.prim_func
def gemm_nt(A: T.Buffer[(64, 32), "float16"], B: T.Buffer[(16, 32), "float16"],
            C: T.Buffer[(64, 16), "float32"]):
    with T.Kernel(1) as bx:
        As = T.alloc_shared((64, 32), "float16")
        Bs = T.alloc_shared((16, 32), "float16")
        Cf = T.alloc_fragment((64, 16), "float32")
        T.copy(A, As)
        T.copy(B, Bs)
        T.clear(Cf)
        for i, j in T.Parallel(64, 16):
            for k in range(32):
                Cf[i, j] = Cf[i, j] + As[i, k] * Bs[j, k]
        T.copy(Cf, C)

# CHECK-LABEL: body:
# CHECK: gemm(As[0 +: 64, 0 +: 32], Bs[0 +: 16, 0 +: 32] -> Cf[0 +: 64, 0 +: 16], transpose_B)
# CHECK-NOT: for
