# T.reduce_min along rows and columns (as -max(-x): the reduce unit has SUM and MAX), also
# accumulating into an existing value (clear=False).
# tilec: -D M=64 -D N=96
import tilelang.language as T


@T.prim_func
def reduce_min(A: T.Tensor((M, N), "bfloat16"), rowmin: T.Tensor((M,), "float32"),
               colmin: T.Tensor((N,), "float32")):
    with T.Kernel(1) as bx:
        a = T.alloc_shared((M, N), "bfloat16")
        r = T.alloc_fragment((M,), "float32")
        c = T.alloc_fragment((N,), "float32")
        T.copy(A[0, 0], a)
        T.reduce_min(a, r, dim=1)
        T.fill(c, -0.5)
        T.reduce_min(a, c, dim=0, clear=False)
        T.copy(r, rowmin[0])
        T.copy(c, colmin[0])
