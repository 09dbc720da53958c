# RUN: %tilec compile %s --call "scale(A, W)" --emit ir | FileCheck %s
# RUN: %tilec compile %s --call "by_shape()" --emit ir | FileCheck %s --check-prefix=SHAPE
# RUN: not %tilec compile %s --call "scale(A, V)" 2>&1 | FileCheck %s --check-prefix=MISMATCH
# Module-level torch tensors are tensor types at compile time: their shape and dtype bind an
# eager kernel's T.const sizes when passed to it, and `A.shape` reads them.
import torch
import tilelang
import tilelang.language as T

A = torch.randn(64, 96, dtype=torch.float16, device="cuda")
W = torch.ones((96,), dtype=torch.half)
V = torch.zeros(size=(80,), dtype=torch.float16)


@tilelang.jit
def scale(X, Y, block=32):
    M, N = T.const("M, N")
    X: T.Tensor((M, N), T.float16)
    Y: T.Tensor((N,), T.float16)
    Z = T.empty((M, N), X.dtype)
    with T.Kernel(T.ceildiv(M, block)) as bx:
        for i, j in T.Parallel(block, N):
            Z[bx * block + i, j] = X[bx * block + i, j] * Y[j]
    return Z


def by_shape():
    return scale.compile(M=A.shape[0] // 2, N=A.shape[1], block=16)

# CHECK: kernel scale(X: float16[64, 96], Y: float16[96], Z: float16[64, 96])
# SHAPE: kernel scale(X: float16[32, 96], Y: float16[96], Z: float16[32, 96])
# MISMATCH: torch_tensor_types.py:19:8: error: shape mismatch for 'Y': dimension 0 is 96 here but 80 in the call (scale at --call:1:1)
