# Integer tiles read only through casts to float (widen-integer-tiles): the reader reads each
# int8 / int32 page into the top of a float32 page and widens it in place; compute sees floats.
# tilec: -D M=64 -D N=64
import tilelang.language as T


@T.prim_func
def widened_integers(Q: T.Tensor((M, N), "int8"), I: T.Tensor((M, N), "int32"), X: T.Tensor((M, N), "bfloat16"),
                     Y: T.Tensor((M, N), "float32")):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        q = T.alloc_shared((32, N), "int8")
        k = T.alloc_shared((32, N), "int32")
        x = T.alloc_shared((32, N), "bfloat16")
        y = T.alloc_fragment((32, N), "float32")
        T.copy(Q[bx * 32, 0], q)
        T.copy(I[bx * 32, 0], k)
        T.copy(X[bx * 32, 0], x)
        for i, j in T.Parallel(32, N):
            y[i, j] = T.cast(q[i, j], "float32") * 0.25 + T.cast(k[i, j], "float32") - x[i, j]
        T.copy(y, Y[bx * 32, 0])
