# The seed's matmul, as written in kernel_authoring_comparison.md: every scalar nest is raised.
# RUN: %tilec compile %s --emit ir | FileCheck %s
# RUN: %tilec compile %s --emit ir --print-after-all 2>&1 | FileCheck %s --check-prefix=PASSES
import tilelang.language as T

@T.prim_func
def matmul(A: T.Buffer[(M, K), "float16"],
           B: T.Buffer[(K, N), "float16"],
           C: T.Buffer[(M, N), "float16"]):
    with T.Kernel(T.ceildiv(M, 32), T.ceildiv(N, 32)) as (bx, by):
        A_tile = T.alloc_shared((32, 32), "float16")
        B_tile = T.alloc_shared((32, 32), "float16")
        C_tile = T.alloc_local((32, 32), "float16")

        for i, j in T.Parallel(32, 32):
            C_tile[i, j] = 0.0

        for k in T.Pipelined(T.ceildiv(K, 32)):
            for i, j in T.Parallel(32, 32):
                A_tile[i, j] = A[by * 32 + i, k * 32 + j]
                B_tile[i, j] = B[k * 32 + i, bx * 32 + j]

            for i, j, kk in T.Parallel(32, 32, 32):
                C_tile[i, j] += A_tile[i, kk] * B_tile[kk, j]

        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = C_tile[i, j]

# CHECK-LABEL: body:
# CHECK-NEXT:  fill(C_tile[0 +: 32, 0 +: 32], 0.0)
# CHECK-NEXT:  for k in pipelined((K + 31) // 32
# CHECK-NEXT:    copy(A[by * 32 +: 32, k * 32 +: 32] -> A_tile[0 +: 32, 0 +: 32])
# CHECK-NEXT:    copy(B[k * 32 +: 32, bx * 32 +: 32] -> B_tile[0 +: 32, 0 +: 32])
# CHECK-NEXT:    gemm(A_tile[0 +: 32, 0 +: 32], B_tile[0 +: 32, 0 +: 32] -> C_tile[0 +: 32, 0 +: 32])
# CHECK-NEXT:  copy(C_tile[0 +: 32, 0 +: 32] -> C[by * 32 +: 32, bx * 32 +: 32])
# CHECK-NOT: for i
# CHECK-NOT: {{.}}

# PASSES-LABEL: // ---- after infer-copy-regions ----
# PASSES: for i in parallel(32):
# PASSES: C_tile[i, j] = C_tile[i, j] + A_tile[i, kk] * B_tile[kk, j]
# PASSES-LABEL: // ---- after raise-tile-ops ----
# PASSES: gemm(A_tile[0 +: 32, 0 +: 32], B_tile[0 +: 32, 0 +: 32] -> C_tile[0 +: 32, 0 +: 32])
# PASSES-LABEL: // ---- after verify ----
