# A tile dimension above 32 that is not a multiple of 32 is rejected at its allocation (a dimension
# below 32 is held padded in one tile: tests/tt/kernels/small_tiles_padding.py).
# RUN: not %tilec compile %s --target tt -o %t 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def bad(A: T.Tensor((96, 64), "bfloat16"), B: T.Tensor((96, 64), "bfloat16")):
    with T.Kernel(2, 2) as (bx, by):
        t = T.alloc_shared((48, 32), "bfloat16")
        T.copy(A[by * 48, bx * 32], t)
        T.copy(t, B[by * 48, bx * 32])

# CHECK: error_tile_shape.py:9:{{[0-9]+}}: error: tile 't' has a dimension of 48 elements; Tenstorrent tiles are 32x32, so a dimension of a tile must be a multiple of 32, or below 32 (held padded in one tile)
