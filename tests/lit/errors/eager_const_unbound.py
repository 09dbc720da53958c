# RUN: not %tilec compile %s --call "double.compile(M=64, block=32)" 2>&1 | FileCheck %s
# An eager kernel's T.const size that neither .compile nor -D binds.
import tilelang
import tilelang.language as T

@tilelang.jit
def double(X, block):
    M, N = T.const("M, N")
# CHECK: eager_const_unbound.py:[[@LINE-1]]:{{[0-9]+}}: error: the T.const size 'N' is not bound; give it a value with double.compile(N=...) in --call, or with -D N=...
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
    X: T.Tensor((M, N), "float32")
    Y = T.empty((M, N), "float32")
    with T.Kernel(T.ceildiv(M, block)) as bx:
        for i, j in T.Parallel(block, N):
            Y[bx * block + i, j] = X[bx * block + i, j] * 2.0
    return Y
