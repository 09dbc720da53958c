# GEMM with a circular-buffer pipeline: the reader streams (64 x 32) A blocks and (32 x 64) B blocks
# through double-buffered CBs while compute accumulates a 64 x 64 fp32 block in DST.
# chunk_k_tiles=4 lets the reader run up to four K tiles ahead of compute.
# tilec: -D M=256 -D N=256 -D K=256
import tilelang.language as T
from tilelang.tt import annotate_tt_schedule


@annotate_tt_schedule(policy="contiguous", order="row_major", chunk_k_tiles=4)
@T.prim_func
def gemm(A: T.Tensor((M, K), "bfloat16"),
         B: T.Tensor((K, N), "bfloat16"),
         C: T.Tensor((M, N), "bfloat16")):
    with T.Kernel(T.ceildiv(N, 64), T.ceildiv(M, 64)) as (bx, by):
        A_shared = T.alloc_shared((64, 32), "bfloat16")
        B_shared = T.alloc_shared((32, 64), "bfloat16")
        C_local = T.alloc_fragment((64, 64), "float32")
        T.clear(C_local)
        for k in T.Pipelined(T.ceildiv(K, 32), num_stages=2):
            T.copy(A[by * 64, k * 32], A_shared)
            T.copy(B[k * 32, bx * 64], B_shared)
            T.gemm(A_shared, B_shared, C_local)
        T.copy(C_local, C[by * 64, bx * 64])
