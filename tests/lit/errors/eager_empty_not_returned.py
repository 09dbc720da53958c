# RUN: not %tilec compile %s --call "split.compile(M=64)" 2>&1 | FileCheck %s
# A T.empty output the eager kernel never returns would be computed and thrown away.
import tilelang
import tilelang.language as T

@tilelang.jit
def split(X):
    M = T.const("M")
    X: T.Tensor((M,), "float32")
    Lo = T.empty((M,), "float32")
    Hi = T.empty((M,), "float32")
# CHECK: eager_empty_not_returned.py:[[@LINE-1]]:{{[0-9]+}}: error: the output tensor 'Hi' made by T.empty is never returned; an eager kernel's outputs are the T.empty tensors it returns (return Hi)
# CHECK-NEXT: {{.+}}
# CHECK-NEXT: {{^ *\^}}
    with T.Kernel(1) as bx:
        for i in T.Parallel(M):
            Lo[i] = T.min(X[i], 0.0)
            Hi[i] = T.max(X[i], 0.0)
    return Lo
