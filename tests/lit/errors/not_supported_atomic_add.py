# RUN: not %tilec compile %s --call "splitk(64, 64, 128, 32, 32, 32, 2)" 2>&1 | FileCheck %s
# Split-K GEMM with T.atomic_add: not supported yet, and the diagnostic names the construct.
import tilelang
import tilelang.language as T

@tilelang.jit
def splitk(M, N, K, block_M, block_N, block_K, split_k, dtype="float16", accum_dtype="float"):
    splitK = K // split_k

    @T.prim_func
    def main(A: T.Tensor((M, K), dtype), B: T.Tensor((K, N), dtype), C: T.Tensor((M, N), accum_dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), split_k, threads=128) as (bx, by, bz):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)
            T.clear(C_local)
            for ko in T.Pipelined(T.ceildiv(splitK, block_K), num_stages=2):
                T.copy(A[by * block_M, bz * splitK + ko * block_K], A_shared)
                T.copy(B[bz * splitK + ko * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            for i, j in T.Parallel(block_M, block_N):
                T.atomic_add(C[by * block_M + i, bx * block_N + j], C_local[i, j])
    return main
# CHECK: not_supported_atomic_add.py:22:17: error: T.atomic_add is not supported yet
# CHECK-NEXT: {{^}}                T.atomic_add(C[by * block_M + i, bx * block_N + j], C_local[i, j])
# CHECK-NEXT: {{^}}                ^
