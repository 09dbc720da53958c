# RUN: not %tilec compile %s --call "copy.compile(M=64)" 2>&1 | FileCheck %s
# An eager kernel's tensor parameter has no shape until its annotation runs.
import tilelang
import tilelang.language as T

@tilelang.jit
def copy(X):
# CHECK: eager_tensor_before_annotation.py:[[@LINE-1]]:{{[0-9]+}}: error: tensor parameter 'X' is used before its annotation (X: T.Tensor(shape, dtype))
    M = T.const("M")
    Y = T.empty(X.shape, "float32")
    X: T.Tensor((M,), "float32")
    with T.Kernel(1) as bx:
        for i in T.Parallel(M):
            Y[i] = X[i]
    return Y
