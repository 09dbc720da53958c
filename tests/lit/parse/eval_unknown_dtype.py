# RUN: not %tilec compile %s --kernel k 2>&1 | FileCheck %s
import tilelang.language as T

@T.prim_func
def k(A: T.Tensor((32, 32), "float8")):
    with T.Kernel(1) as bx:
        T.fill(A, 0)
# CHECK: eval_unknown_dtype.py:5:10: error: unknown dtype 'float8'; expected one of
