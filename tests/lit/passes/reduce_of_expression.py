# A row accumulation of an element-wise expression (not just a tile read) is raised to a map into
# a fresh fragment over the (i, j) box, then a reduce of that fragment along j. An expression that
# reads the accumulator, or is wider than it, stays as written.
# RUN: %tilec compile %s --emit ir | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Buffer[(64, 96), "float16"], W: T.Buffer[(96,), "float16"],
      B: T.Buffer[(64,), "float32"], C: T.Buffer[(64,), "float16"]):
    with T.Kernel(2) as bx:
        acc = T.alloc_local((32,), "float32")
        mx = T.alloc_local((32,), "float32")
        h = T.alloc_local((32,), "float16")
        for j in range(96):
            for i in T.Parallel(32):
                acc[i] += A[bx * 32 + i, j] * 0.5
        for j in range(96):
            for i in T.Parallel(32):
                mx[i] = T.max(mx[i], T.exp(A[bx * 32 + i, j]) * W[j])
        for j in range(96):
            for i in T.Parallel(32):
                acc[i] += A[bx * 32 + i, j] * acc[i]
        for j in range(96):
            for i in T.Parallel(32):
                h[i] += T.cast(A[bx * 32 + i, j], "float32") * 2.0
        for i in T.Parallel(32):
            B[bx * 32 + i] = acc[i] + mx[i]
            C[bx * 32 + i] = h[i]

# CHECK: alloc acc_terms: fragment float16[32, 96]
# CHECK-NEXT: alloc mx_terms: fragment float16[32, 96]
# CHECK-NOT: alloc
# CHECK-LABEL: body:
# CHECK-NEXT: map(i, j) acc_terms[0 +: 32, 0 +: 96] = A[bx * 32 + i, j] * 0.5
# CHECK-NEXT: reduce_sum(acc_terms[0 +: 32, 0 +: 96] -> acc[0 +: 32], dim=1, accumulate)
# CHECK-NEXT: map(i, j) mx_terms[0 +: 32, 0 +: 96] = exp(A[bx * 32 + i, j]) * W[j]
# CHECK-NEXT: reduce_max(mx_terms[0 +: 32, 0 +: 96] -> mx[0 +: 32], dim=1, accumulate)
# CHECK-NEXT: for j in serial(96):
# CHECK-NEXT:   map(i) acc[0 +: 32] = acc[i] + A[bx * 32 + i, j] * acc[i]
# CHECK-NEXT: for j in serial(96):
# CHECK-NEXT:   map(i) h[0 +: 32] = h[i] + cast<float32>(A[bx * 32 + i, j]) * 2.0
