# RUN: not %tilec compile %s --call "scale(64, 64, dtype='float8')" 2>&1 | FileCheck %s
# An unknown dtype string passed through a factory parameter: located at the tensor type.
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
# CHECK: meta_factory_unknown_dtype.py:9:17: error: unknown dtype 'float8'; expected one of float16, bfloat16, float32 (float), float8_e4m3fn, float8_e5m2, int8, uint8, int32, uint32, int64, bool
# CHECK-NEXT: {{^}}    def main(A: T.Tensor((M, N), dtype), B: T.Tensor((M, N), dtype)):
# CHECK-NEXT: {{^}}                ^
