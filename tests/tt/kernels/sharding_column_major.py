# Tensors whose tiles are stored in column-major order (annotate_tt_sharding), read and written
# by a 2-D blocked kernel under the strided policy in z_order.
# tilec: -D M=96 -D N=160
import tilelang.language as T
from tilelang.tt import annotate_tt_schedule, annotate_tt_sharding


@annotate_tt_sharding({"A": {"layout": "column_major"}, "C": {"layout": "column_major"}})
@T.prim_func
def scaled_sum(A: T.Tensor((M, N), "bfloat16"), B: T.Tensor((M, N), "bfloat16"),
               C: T.Tensor((M, N), "bfloat16")):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = A[by * 32 + i, bx * 32 + j] * 3.0 + B[by * 32 + i, bx * 32 + j]
