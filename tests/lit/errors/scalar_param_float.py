# RUN: not %tilec compile %s 2>&1 | FileCheck %s
# Scalar kernel parameters are run-time integers (T.int32); a float scalar is refused at its
# annotation with what to write instead.
import tilelang.language as T

@T.prim_func
def main(A: T.Tensor((64,), "float32"), B: T.Tensor((64,), "float32"), scale: T.float32):
    with T.Kernel(1, threads=64) as bx:
        for i in T.Parallel(64):
            B[i] = A[i] * scale
# CHECK: scalar_param_float.py:7:79: error: scalar kernel parameter 'scale' has type float32; scalar parameters must be T.int32 (run-time sizes and offsets); pass other scalars as a factory argument (a compile-time constant) or in a one-element tensor
