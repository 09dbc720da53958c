# A guard that reads a tile (data-dependent control flow) is refused at the `if`; a choice whose
# condition reads a tile is refused at the T.if_then_else; integer subtraction inside an index value
# is refused (the kernels compute indices in unsigned integers).
# RUN: not %tilec compile %s --target tt -o %t -D WHICH=0 2>&1 | FileCheck %s --check-prefix=GUARD
# RUN: not %tilec compile %s --target tt -o %t -D WHICH=1 2>&1 | FileCheck %s --check-prefix=CHOICE
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

# GUARD: error_guard_reads_tile.py:16:17: error: this `if` tests a tile value (a[i, j] > 0)
# CHOICE: error_guard_reads_tile.py:20:27: error: this T.if_then_else chooses on a condition that reads a tile
# SUB: error_guard_reads_tile.py:23:42: error: integer subtraction in an index-dependent value
