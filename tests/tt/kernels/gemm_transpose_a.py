# C = A^T @ B with A stored K-major: compute transposes A's tiles (transpose_wh_tile) into a scratch
# CB before the matrix engine, which transposes only in1 tiles. Also exercises K chunking with
# transpose_A (chunk_k_tiles widens the K dimension of A's tile, its rows here).
# tilec: -D M=128 -D N=128 -D K=128
import tilelang.language as T


@T.prim_func
def gemm_transpose_a(A: T.Tensor((K, M), "bfloat16"), B: T.Tensor((K, N), "bfloat16"),
                     C: T.Tensor((M, N), "bfloat16")):
    with T.Kernel(T.ceildiv(N, 64), T.ceildiv(M, 64)) as (bx, by):
        A_s = T.alloc_shared((32, 64), "bfloat16")
        B_s = T.alloc_shared((32, 64), "bfloat16")
        C_f = T.alloc_fragment((64, 64), "float32")
        T.clear(C_f)
        for k in T.Pipelined(T.ceildiv(K, 32), num_stages=2):
            T.copy(A[k * 32, by * 64], A_s)
            T.copy(B[k * 32, bx * 64], B_s)
            T.gemm(A_s, B_s, C_f, transpose_A=True)
        T.copy(C_f, C[by * 64, bx * 64])
