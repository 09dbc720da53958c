# A guard that reads a tile in a T.Parallel nest and a choice whose condition reads a tile are
# lowered as choices on tile values (a sign test and SFPU min/max, lower-tile-choices); integer
# subtraction inside an index value is refused (the kernels compute indices in unsigned integers).
# RUN: %tilec compile %s --target tt -o %t0 -D WHICH=0
# RUN: FileCheck %s --check-prefix=GUARD < %t0/kernels/compute.cpp
# RUN: %tilec compile %s --target tt -o %t1 -D WHICH=1
# RUN: FileCheck %s --check-prefix=CHOICE < %t1/kernels/compute.cpp
# RUN: not %tilec compile %s --target tt -o %t -D WHICH=2 2>&1 | FileCheck %s --check-prefix=SUB
import tilelang.language as T

@T.prim_func
def guards(A: T.Tensor((64, 64), "float32"), B: T.Tensor((64, 64), "float32")):
    with T.Kernel(2, 2) as (bx, by):
        a = T.alloc_fragment((32, 32), "float32")
        T.copy(A[by * 32, bx * 32], a)
        if WHICH == 0:
            for i, j in T.Parallel(32, 32):
                if a[i, j] > 0:
                    a[i, j] = 0
        elif WHICH == 1:
            for i, j in T.Parallel(32, 32):
                a[i, j] = T.if_then_else(a[i, j] > 0, a[i, j], 1.0)
        else:
            for i, j in T.Parallel(32, 32):
                a[i, j] = T.if_then_else(by * 32 + i - j >= bx * 32, a[i, j], 0)
        T.copy(a, B[by * 32, bx * 32])

# GUARD: gtz_tile(
# CHOICE: gtz_tile(
# CHOICE: binary_min_tile(
# SUB: error_guard_reads_tile.py:25:42: error: integer subtraction in an index-dependent value
