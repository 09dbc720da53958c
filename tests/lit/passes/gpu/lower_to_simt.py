# lower-to-simt: Tile IR becomes per-thread SIMT code: cp.async copies, ldmatrix, mma.sync.
# RUN: %tilec compile %s --target cuda --stop-after=infer-fragment-layouts | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target cuda --stop-after=lower-to-simt | FileCheck %s --check-prefix=AFTER
import tilelang.language as T


@T.prim_func
def gemm(A: T.Tensor((64, 64), "float16"), B: T.Tensor((64, 64), "float16"),
         C: T.Tensor((64, 64), "float32")):
    with T.Kernel(1, 1, threads=128) as (bx, by):
        A_shared = T.alloc_shared((64, 32), "float16")
        B_shared = T.alloc_shared((32, 64), "float16")
        C_local = T.alloc_fragment((64, 64), "float32")
        T.clear(C_local)
        for ko in T.Pipelined(2, num_stages=2):
            T.copy(A[by * 64, ko * 32], A_shared)
            T.copy(B[ko * 32, bx * 64], B_shared)
            T.gemm(A_shared, B_shared, C_local)
        T.copy(C_local, C[by * 64, bx * 64])

# BEFORE-NOT: simt_kernel
# AFTER: simt_kernel gemm(A: float16[64, 64], B: float16[64, 64], C: float32[64, 64])
# AFTER: registers C_local: float32[
# AFTER: cp_async x8
# AFTER: ldmatrix x4
# AFTER: mma_m16n8k16 C_local[
