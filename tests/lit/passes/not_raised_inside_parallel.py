# A T.Parallel nest that cannot be raised as a whole stays scalar code: its inner loop is not
# raised on its own (that left `map` inside `for i in parallel`, a tile op inside a parallel loop,
# which the GPU backend refused: a guard on a run-time size, `i < valid`, made the outer nest fail).
# RUN: %tilec compile %s --emit ir | FileCheck %s
import tilelang.language as T

@T.prim_func
def main(A: T.Tensor((64, 32), "float32"), B: T.Tensor((64, 32), "float32"), valid: T.int32):
    with T.Kernel(4, threads=64) as bx:
        for i, j in T.Parallel(16, 32):
            B[bx * 16 + i, j] = T.if_then_else(bx * 16 + i < valid, A[bx * 16 + i, j], 0.0)

# CHECK-LABEL: body:
# CHECK-NEXT: for i in parallel(16):
# CHECK-NEXT:   for j in parallel(32):
# CHECK-NEXT:     B[bx * 16 + i, j] = select(bx * 16 + i < valid, A[bx * 16 + i, j], 0.0)
# CHECK-NOT: map
