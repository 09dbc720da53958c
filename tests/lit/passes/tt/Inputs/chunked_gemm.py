# A 2x2-block bf16 GEMM with K chunked by 4 tiles: the input the TT pass tests share
# (each stops the pipeline before and after its pass and checks what the pass changed).
import tilelang.language as T
from tilelang.tt import annotate_tt_schedule


@annotate_tt_schedule(chunk_k_tiles=4)
@T.prim_func
def gemm(A: T.Tensor((128, 256), "bfloat16"), B: T.Tensor((256, 128), "bfloat16"),
         C: T.Tensor((128, 128), "bfloat16")):
    with T.Kernel(2, 2) as (bx, by):
        A_shared = T.alloc_shared((64, 32), "bfloat16")
        B_shared = T.alloc_shared((32, 64), "bfloat16")
        C_local = T.alloc_fragment((64, 64), "float32")
        T.clear(C_local)
        for k in T.Pipelined(8, num_stages=2):
            T.copy(A[by * 64, k * 32], A_shared)
            T.copy(B[k * 32, bx * 64], B_shared)
            T.gemm(A_shared, B_shared, C_local)
        T.copy(C_local, C[by * 64, bx * 64])
