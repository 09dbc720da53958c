# Corpus (seed style): the textbook tiled matmul with shared tiles loaded by scalar T.Parallel
# copies and an explicit multiply-accumulate nest — to be raised to copy and gemm tile ops.
# tilec: -D M=64 -D N=64 -D K=64
import tilelang.language as T


@T.prim_func
def matmul(A: T.Buffer[(M, K), "float16"], B: T.Buffer[(K, N), "float16"], C: T.Buffer[(M, N), "float32"]):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32), threads=128) as (bx, by):
        As = T.alloc_shared((32, 16), "float16")
        Bs = T.alloc_shared((16, 32), "float16")
        Cl = T.alloc_fragment((32, 32), "float32")
        for i, j in T.Parallel(32, 32):
            Cl[i, j] = 0.0
        for ko in T.serial(T.ceildiv(K, 16)):
            for i, k in T.Parallel(32, 16):
                As[i, k] = A[by * 32 + i, ko * 16 + k]
            for k, j in T.Parallel(16, 32):
                Bs[k, j] = B[ko * 16 + k, bx * 32 + j]
            for i, j in T.Parallel(32, 32):
                for k in T.serial(16):
                    Cl[i, j] += T.cast(As[i, k], "float32") * T.cast(Bs[k, j], "float32")
        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = Cl[i, j]
