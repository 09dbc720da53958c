# RUN: not %tilec compile %s 2>&1 | FileCheck %s
# return_prev=True asks for the element's old value, which tilec does not return: refused, located.
import tilelang.language as T

@T.prim_func
def main(A: T.Tensor((64,), "int32"), Count: T.Tensor((1,), "int32")):
    with T.Kernel(1, threads=64) as bx:
        for i in T.Parallel(64):
            T.atomic_add(Count[0], A[i], return_prev=True)
# CHECK: atomic_return_prev.py:9:13: error: T.atomic_add(..., return_prev=True) is not supported: the old value of the element is not returned; write the update as a statement (return_prev=False)
# CHECK-NEXT: {{^}}            T.atomic_add(Count[0], A[i], return_prev=True)
