# A tensor moved in tiles of 16 rows is stored 16 rows per page, so every copy must start at a
# whole page: a 16-row tile read from row bx * 8 is refused at the copy, naming the page size.
# RUN: not %tilec compile %s --target tt -o %t 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def overlapping(A: T.Tensor((64, 32), "float32"), B: T.Tensor((64, 32), "float32")):
    with T.Kernel(7) as bx:
        t = T.alloc_shared((16, 32), "float32")
        T.copy(A[bx * 8, 0], t)
        T.copy(t, B[bx * 8, 0])

# CHECK: error_small_tile_start.py:10:{{[0-9]+}}: error: the region of 'A' starts at bx * 8, which is not a multiple of 16; Tenstorrent moves whole pages, here of 16 elements along this dimension
# CHECK-NEXT: T.copy(A[bx * 8, 0], t)
