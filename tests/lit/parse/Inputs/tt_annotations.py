# tilec: --call "tiled_gemm(256, 256, 256)"
import tilelang
import tilelang.language as T
from tilelang.tt import annotate_tt_schedule, annotate_tt_sharding


def tiled_gemm(M, N, K, block_M=64, block_N=64, block_K=32, dtype="bfloat16",
               accum_dtype="float32", *, stages: int = 2):

    @annotate_tt_schedule(policy="block_linear", order="z_order", chunk_k_tiles=2)
    @annotate_tt_sharding({
        "A": {"layout": "row_major", "memory": "dram"},
        "B": {"layout": "column_major", "memory": "l1"},  # trailing comma below
    })
    @T.prim_func
    def gemm(A: T.Tensor((M, K), dtype), B: T.Tensor((K, N), dtype),
             C: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            row_max = T.alloc_fragment((block_M,), accum_dtype)
            T.clear(C_local)
            for ko in T.Pipelined(T.ceildiv(K, block_K), num_stages=stages):
                T.copy(A[by * block_M, ko * block_K], A_shared)
                T.copy(B[ko * block_K:(ko + 1) * block_K, bx * block_N:(bx + 1) * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local, transpose_A=False, transpose_B=False)
            T.reduce_max(C_local, row_max, dim=-1, clear=True)
            for i, j in T.Parallel(block_M, block_N):
                C_local[i, j] = T.exp2(C_local[i, j] - row_max[i]) if i < j else T.cast(0, accum_dtype)
            for i in T.serial(block_M):
                for j in T.unroll(4):
                    C_local[i, j] = T.max(C_local[i, j], -T.infinity(accum_dtype))
            T.copy(C_local, C[by * block_M, bx * block_N])

    return gemm


M = T.dynamic("M")
N, K = T.symbolic("N"), T.dyn["K"]

if __name__ == "__main__":
    kernel = tiled_gemm(1024, 1024, 1024)
    print(kernel.get_kernel_source())
