# The seed's row sum: init → fill, the row-accumulation loop → reduce, write-back → copy.
# RUN: %tilec compile %s --emit ir | FileCheck %s
import tilelang.language as T

@T.prim_func
def reduce_sum(A: T.Buffer[(M, N), "float16"],
               B: T.Buffer[(M,), "float16"]):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        partial_sum = T.alloc_local((32,), "float32")

        for i in T.Parallel(32):
            partial_sum[i] = 0.0

        for j in range(N):
            for i in T.Parallel(32):
                partial_sum[i] += A[bx * 32 + i, j]

        for i in T.Parallel(32):
            B[bx * 32 + i] = partial_sum[i]

# CHECK-LABEL: body:
# CHECK-NEXT: fill(partial_sum[0 +: 32], 0.0)
# CHECK-NEXT: reduce_sum(A[bx * 32 +: 32, 0 +: N] -> partial_sum[0 +: 32], dim=1, accumulate)
# CHECK-NEXT: copy(partial_sum[0 +: 32] -> B[bx * 32 +: 32])
# CHECK-NOT: {{.}}
