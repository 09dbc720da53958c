# simplify: canonical index arithmetic (constants last, terms in the order written), constant
# folding of T.ceildiv, and unit loops replaced by their body.
# RUN: %tilec compile %s -D M=256 -D N=128 --emit ir --print-after-all 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def shifted(A: T.Buffer[(M, N), "float32"], B: T.Buffer[(M, N), "float32"]):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        for i, j in T.Parallel(32, 32):
            B[(by + 1) * 32 - 32 + i, 32 * bx + j * 1 + 0] = A[by * 32 + i, bx * 32 + j] * 1.0
        for t in range(1):
            B[t * 4 + 2, 0] = 1.0

# CHECK-LABEL: // ---- after simplify ----
# CHECK: grid bx < 4, by < 8
# CHECK: B[by * 32 + i, bx * 32 + j] = A[by * 32 + i, bx * 32 + j]
# CHECK-NEXT: B[2, 0] = 1.0
# CHECK-LABEL: // ---- after raise-tile-ops ----
# CHECK: copy(A[by * 32 +: 32, bx * 32 +: 32] -> B[by * 32 +: 32, bx * 32 +: 32])
# CHECK-NEXT: B[2, 0] = 1.0
