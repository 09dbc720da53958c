# An int64 tensor has no TT-Metalium data format: refused at the parameter, naming what moves.
# RUN: not %tilec compile %s --target tt -o %t 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def wide(A: T.Tensor((64, 64), "int64"), B: T.Tensor((64, 64), "int64")):
    with T.Kernel(2, 2) as (bx, by):
        t = T.alloc_shared((32, 32), "int64")
        T.copy(A[by * 32, bx * 32], t)
        T.copy(t, B[by * 32, bx * 32])

# CHECK: error_int64_tensor.py:6:{{[0-9]+}}: error: tensor 'A' has dtype int64; the Tenstorrent backend moves bfloat16, float16, float32, int32, uint32, int8 and bool tensors
