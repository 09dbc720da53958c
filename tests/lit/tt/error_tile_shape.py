# A tile of three dimensions is rejected at its allocation (Tenstorrent tiles are 2-D; a dimension
# that is not a multiple of 32 is held padded: tests/tt/kernels/padded_tail_tiles.py).
# RUN: not %tilec compile %s --target tt -o %t 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def bad(A: T.Tensor((2, 64, 64), "bfloat16"), B: T.Tensor((2, 64, 64), "bfloat16")):
    with T.Kernel(2, 2) as (bx, by):
        t = T.alloc_shared((2, 32, 32), "bfloat16")
        T.copy(A[0, by * 32, bx * 32], t)
        T.copy(t, B[0, by * 32, bx * 32])

# CHECK: error_tile_shape.py:9:{{[0-9]+}}: error: tile 't' must be 1-D or 2-D on Tenstorrent
