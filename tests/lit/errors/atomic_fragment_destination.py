# RUN: not %tilec compile %s 2>&1 | FileCheck %s
# T.atomic_add into a fragment: its elements each belong to one thread, so an atomic update means
# nothing there; the diagnostic says to use a plain assignment.
import tilelang.language as T

@T.prim_func
def main(A: T.Tensor((32, 32), "float32"), B: T.Tensor((32, 32), "float32")):
    with T.Kernel(1, threads=128) as bx:
        acc = T.alloc_fragment((32, 32), "float32")
        T.clear(acc)
        for i, j in T.Parallel(32, 32):
            T.atomic_add(acc[i, j], A[i, j])
        T.copy(acc, B)
# CHECK: atomic_fragment_destination.py:12:26: error: T.atomic_add updates global or shared memory, but acc is a fragment buffer, whose elements each belong to one thread; update it with a plain assignment (acc[i] = acc[i] + v)
# CHECK-NEXT: {{^}}            T.atomic_add(acc[i, j], A[i, j])
# CHECK-NEXT: {{^}}                         ^
