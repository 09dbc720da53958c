# RUN: not %tilec compile %s 2>&1 | FileCheck %s
def helper(x):
    return x * 2
# CHECK: eval_no_kernel.py: error: no kernel in this file: expected a top-level @T.prim_func or a factory function returning one
