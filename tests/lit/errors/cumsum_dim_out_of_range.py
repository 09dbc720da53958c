# RUN: not %tilec compile %s 2>&1 | FileCheck %s
# T.cumsum's dim counts the source's dimensions; one past them is an error naming the source.
import tilelang.language as T

@T.prim_func
def main(A: T.Tensor((16, 16), "float32"), B: T.Tensor((16, 16), "float32")):
    with T.Kernel(1, threads=32) as bx:
        A_s = T.alloc_shared((16, 16), "float32")
        T.copy(A, A_s)
        T.cumsum(A_s, dim=2)
        T.copy(A_s, B)
# CHECK: cumsum_dim_out_of_range.py:10:9: error: T.cumsum: dim=2 is out of range for the 2-D source A_s
