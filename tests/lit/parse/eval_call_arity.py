# RUN: not %tilec compile %s --call "gemm(256, 256)" 2>&1 | FileCheck %s
# Wrong arity at the meta level: Python's wording, pointing into the --call text.
import tilelang.language as T

def gemm(M, N, K, block=64):
    @T.prim_func
    def kernel(A: T.Tensor((M, K), "float16"), B: T.Tensor((K, N), "float16"), C: T.Tensor((M, N), "float16")):
        with T.Kernel(T.ceildiv(N, block), T.ceildiv(M, block)) as (bx, by):
            T.fill(C, 0)
    return kernel
# CHECK: --call:1:1: error: gemm() missing 1 required positional argument: 'K'
# CHECK-NEXT: {{^}}gemm(256, 256)
# CHECK-NEXT: {{^}}^
