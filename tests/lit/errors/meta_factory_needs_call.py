# RUN: not %tilec compile %s 2>&1 | FileCheck %s
# A factory with required parameters and no --call: the diagnostic shows how to call it.
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
# CHECK: meta_factory_needs_call.py: error: no kernel to compile without arguments; call a factory with --call, e.g. --call "scale(M, N, block_M, dtype)"
