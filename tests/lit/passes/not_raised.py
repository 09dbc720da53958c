# Raising never changes semantics: nests that read the destination at another element, use the
# loop variable as a value, or run serially stay as written.
# RUN: %tilec compile %s --emit ir | FileCheck %s
import tilelang.language as T

@T.prim_func
def stencil(A: T.Buffer[(64,), "float32"], B: T.Buffer[(64,), "float32"]):
    with T.Kernel(1) as bx:
        x = T.alloc_shared((64,), "float32")
        idx = T.alloc_fragment((64,), "int32")
        for i in T.Parallel(64):
            x[i] = A[i]
        for i in T.Parallel(63):
            x[i] = x[i + 1] * 0.5
        for i in T.Parallel(64):
            idx[i] = i * 2
        for i in range(64):
            B[i] = x[i]

# CHECK-LABEL: body:
# CHECK-NEXT: copy(A[0 +: 64] -> x[0 +: 64])
# CHECK-NEXT: for i in parallel(63):
# CHECK-NEXT:   x[i] = x[i + 1] * 0.5
# CHECK-NEXT: for i in parallel(64):
# CHECK-NEXT:   idx[i] = i * 2
# CHECK-NEXT: for i in serial(64):
# CHECK-NEXT:   B[i] = x[i]
