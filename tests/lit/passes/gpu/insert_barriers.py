# insert-barriers: a barrier where threads exchange data through shared memory (the copies into
# A_shared/B_shared and the gemm reading them).
# RUN: %tilec compile %s --target cuda --stop-after=lower-to-simt | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target cuda --stop-after=insert-barriers | FileCheck %s --check-prefix=AFTER
import tilelang.language as T


@T.prim_func
def gemm(A: T.Tensor((64, 32), "float16"), B: T.Tensor((32, 64), "float16"),
         C: T.Tensor((64, 64), "float32")):
    with T.Kernel(1, 1, threads=128) as (bx, by):
        A_shared = T.alloc_shared((64, 32), "float16")
        B_shared = T.alloc_shared((32, 64), "float16")
        C_local = T.alloc_fragment((64, 64), "float32")
        T.clear(C_local)
        T.copy(A[by * 64, 0], A_shared)
        T.copy(B[0, bx * 64], B_shared)
        T.gemm(A_shared, B_shared, C_local)
        T.copy(C_local, C[by * 64, bx * 64])

# BEFORE: simt_kernel
# BEFORE-NOT: barrier
# AFTER: simt_kernel
# AFTER: op T.copy B -> B_shared
# AFTER: barrier
# AFTER-NEXT: op T.gemm
