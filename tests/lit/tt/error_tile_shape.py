# A tile that is not whole 32x32 tiles is rejected at its allocation.
# RUN: not %tilec compile %s --target tt -o %t 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def bad(A: T.Tensor((64, 64), "bfloat16"), B: T.Tensor((64, 64), "bfloat16")):
    with T.Kernel(4, 4) as (bx, by):
        t = T.alloc_shared((16, 16), "bfloat16")
        T.copy(A[by * 16, bx * 16], t)
        T.copy(t, B[by * 16, bx * 16])

# CHECK: error_tile_shape.py:8:{{[0-9]+}}: error: tile 't' has a dimension of 16 elements; Tenstorrent tiles are 32x32
