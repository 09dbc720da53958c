# The seed's element-wise add: one T.Parallel nest → map.
# RUN: %tilec compile %s --emit ir | FileCheck %s
import tilelang.language as T

@T.prim_func
def elementwise_add(A: T.Buffer[(M, N), "float16"],
                    B: T.Buffer[(M, N), "float16"],
                    C: T.Buffer[(M, N), "float16"]):
    with T.Kernel(T.ceildiv(M, 32), T.ceildiv(N, 32)) as (bx, by):
        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = \
                A[by * 32 + i, bx * 32 + j] + B[by * 32 + i, bx * 32 + j]

# CHECK-LABEL: body:
# CHECK-NEXT: map(i, j) C[by * 32 +: 32, bx * 32 +: 32] = A[by * 32 + i, bx * 32 + j] + B[by * 32 + i, bx * 32 + j]
# CHECK-NOT: {{.}}
