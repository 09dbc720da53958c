# RUN: not %tilec compile %s 2>&1 | FileCheck %s
# T.alloc_var's scope, given positionally as TileLang's older alloc_var(dtype, scope) takes it, is
# checked like the keyword form: shared memory is T.alloc_shared's.
import tilelang.language as T

@T.prim_func
def main(A: T.Tensor((32,), "int32"), B: T.Tensor((32,), "int32")):
    with T.Kernel(1, threads=32) as bx:
        n = T.alloc_var("int32", "shared")
        n = A[0]
        B[0] = n
# CHECK: alloc_var_wrong_scope.py:9:13: error: T.alloc_var: scope must be "local.var" or "local", got 'shared'; memory of scope "shared" is allocated with T.alloc_shared
