# Integer tensors on Tenstorrent: int32, uint32, int8 and bool tensors moved DRAM -> tile -> DRAM in
# their own data formats (Int32, UInt32, Int8, UInt8: 4, 4, 1 and 1 bytes per element), next to a
# float computation; sizes that are not multiples of 32 (the reader zero-fills past the edge, the
# writer drops it).
# tilec: -D M=40 -D N=72
import tilelang.language as T


@T.prim_func
def integer_tensors(I: T.Tensor((M, N), "int32"), U: T.Tensor((M, N), "uint32"),
                    S: T.Tensor((M, N), "int8"), F: T.Tensor((M, N), "bool"),
                    X: T.Tensor((M, N), "float32"),
                    I2: T.Tensor((M, N), "int32"), U2: T.Tensor((M, N), "uint32"),
                    S2: T.Tensor((M, N), "int8"), F2: T.Tensor((M, N), "bool"),
                    Y: T.Tensor((M, N), "float32")):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        i = T.alloc_shared((32, 32), "int32")
        u = T.alloc_shared((32, 32), "uint32")
        s = T.alloc_shared((32, 32), "int8")
        f = T.alloc_shared((32, 32), "bool")
        x = T.alloc_fragment((32, 32), "float32")
        T.copy(I[by * 32, bx * 32], i)
        T.copy(U[by * 32, bx * 32], u)
        T.copy(S[by * 32, bx * 32], s)
        T.copy(F[by * 32, bx * 32], f)
        T.copy(X[by * 32, bx * 32], x)
        for a, b in T.Parallel(32, 32):
            x[a, b] = x[a, b] * 3.0
        T.copy(i, I2[by * 32, bx * 32])
        T.copy(u, U2[by * 32, bx * 32])
        T.copy(s, S2[by * 32, bx * 32])
        T.copy(f, F2[by * 32, bx * 32])
        T.copy(x, Y[by * 32, bx * 32])
