# RUN: not %tilec compile %s --call "scal(64, 64)" 2>&1 | FileCheck %s
# --call of a factory the file does not define: located in the --call text.
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
# CHECK: --call:1:1: error: undefined name 'scal'
# CHECK-NEXT: {{^}}scal(64, 64)
# CHECK-NEXT: {{^}}^
