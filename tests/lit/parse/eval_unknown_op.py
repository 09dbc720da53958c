# RUN: not %tilec compile %s --call "k(64)" 2>&1 | FileCheck %s
# An unknown T. operation is named, with a suggestion.
import tilelang.language as T

def k(n):
    @T.prim_func
    def kernel(A: T.Tensor((n, n), "float16"), B: T.Tensor((n, n), "float16")):
        with T.Kernel(1) as bx:
            S = T.alloc_shared((n, n), "float16")
            T.copi(A, S)
            T.copy(S, B)
    return kernel
# CHECK: eval_unknown_op.py:10:15: error: unknown TileLang operation 'T.copi'; did you mean 'T.copy'?
