# Copies of one tensor in tiles of different row counts (16 and 32) are refused at the second copy:
# a tensor moved in tiles below 32 rows is stored with that many rows per page.
# RUN: not %tilec compile %s --target tt -o %t 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def mixed(A: T.Tensor((64, 32), "float32"), B: T.Tensor((64, 32), "float32")):
    with T.Kernel(2) as bx:
        s = T.alloc_shared((16, 32), "float32")
        t = T.alloc_shared((32, 32), "float32")
        T.copy(A[bx * 16, 0], s)
        T.copy(A[bx * 32, 0], t)
        T.copy(s, B[bx * 16, 0])
        T.copy(t, B[bx * 32, 0])

# CHECK: error_small_tile_sizes.py:12:{{[0-9]+}}: error: 'A' is moved in tiles of 32 rows here and of 16 elsewhere
