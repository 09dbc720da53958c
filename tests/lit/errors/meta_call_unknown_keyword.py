# RUN: not %tilec compile %s --call "scale(64, 64, blok_M=16)" 2>&1 | FileCheck %s
# A misspelt keyword argument of a factory.
import tilelang
import tilelang.language as T

@tilelang.jit(out_idx=[-1])
def scale(M, N, block_M=32, dtype="float16"):
    @T.prim_func
    def main(A: T.Tensor((M, N), dtype), B: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
            for i, j in T.Parallel(block_M, N):
                B[bx * block_M + i, j] = A[bx * block_M + i, j] * 2
    return main
# CHECK: --call:1:1: error: scale() got an unexpected keyword argument 'blok_M'
# CHECK-NEXT: {{^}}scale(64, 64, blok_M=16)
# CHECK-NEXT: {{^}}^
