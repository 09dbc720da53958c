# RUN: not %tilec compile %s 2>&1 | FileCheck %s
# The region form of T.atomic_max needs source and destination regions of one shape.
import tilelang.language as T

@T.prim_func
def main(A: T.Tensor((64, 64), "float32"), C: T.Tensor((64, 64), "float32")):
    with T.Kernel(2, threads=128) as bx:
        tile = T.alloc_fragment((32, 16), "float32")
        T.copy(A[bx * 32, 0], tile)
        T.atomic_max(C[bx * 32:bx * 32 + 32, 0:32], tile)
# CHECK: atomic_region_shape_mismatch.py:10:9: error: T.atomic_max: the source region of tile has shape (32, 16) but the destination region of C has shape (32, 32); their dimensions of extent greater than 1 must agree
