# chunk-k-loops: with chunk_k_tiles=4 the K loop of 8 one-tile steps becomes 2 steps that each move
# four K tiles per CB transfer (the staging tiles grow to four K tiles).
# RUN: %tilec compile %s --target tt --stop-after=stage-global-accesses | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt --stop-after=chunk-k-loops | FileCheck %s --check-prefix=AFTER
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

# BEFORE: alloc A_shared: shared bfloat16[64, 32]
# BEFORE: for k in pipelined(8, stages=2):
# AFTER: alloc A_shared: shared bfloat16[64, 128]
# AFTER: for k_chunk in pipelined(2, stages=2):
# AFTER-NEXT: copy(A[by * 64 +: 64, k_chunk * 128 +: 128] -> A_shared[0 +: 64, 0 +: 128])
