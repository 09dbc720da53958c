# RUN: not %tilec compile %s --call "scale(T.Tensor((64, 32), 'float32'))" -D M=64 -D N=48 2>&1 | FileCheck %s
# The call passes a tensor whose shape disagrees with the eager kernel's annotation.
import tilelang
import tilelang.language as T

@tilelang.jit
def scale(X, block=16):
    M, N = T.const("M, N")
    X: T.Tensor((M, N), "float32")
# CHECK: eager_shape_mismatch.py:[[@LINE-1]]:{{[0-9]+}}: error: shape mismatch for 'X': dimension 1 is 48 here but 32 in the call (scale at --call:1:1)
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
    Y = T.empty((M, N), "float32")
    with T.Kernel(T.ceildiv(M, block)) as bx:
        for i, j in T.Parallel(block, N):
            Y[bx * block + i, j] = X[bx * block + i, j] * 0.5
    return Y
