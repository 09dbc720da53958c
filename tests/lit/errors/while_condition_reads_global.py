# RUN: not %tilec compile %s 2>&1 | FileCheck %s
# A run-time while condition may read T.alloc_var scalars only: one that reads a tensor is refused
# with what to write instead.
import tilelang.language as T

@T.prim_func
def main(Flags: T.Tensor((4,), "int32"), Out: T.Tensor((4,), "int32")):
    with T.Kernel(1, threads=32) as bx:
        n = T.alloc_var("int32")
        n = 0
        while Flags[n] != 0:
            n += 1
        Out[0] = n
# CHECK: while_condition_reads_global.py:11:15: error: a run-time 'while' condition may read T.alloc_var scalars only, but this one reads the global buffer Flags; copy the value into a T.alloc_var in the loop body and test that
