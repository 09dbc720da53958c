# RUN: not %tilec compile %s --call "scale(64, 64, 32, 'float16', 7)" 2>&1 | FileCheck %s
# Too many positional arguments to a factory: Python's wording.
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
# CHECK: --call:1:1: error: scale() takes from 2 to 4 positional arguments but 5 were given
# CHECK-NEXT: {{^}}scale(64, 64, 32, 'float16', 7)
# CHECK-NEXT: {{^}}^
