# RUN: not %tilec compile %s --target tt -o %t 2>&1 | FileCheck %s
# Atomics on the Tenstorrent backend: refused at the update, with the reason and what to do.
import tilelang.language as T

@T.prim_func
def main(A: T.Tensor((64, 64), "float32"), C: T.Tensor((32, 64), "float32")):
    with T.Kernel(2, threads=128) as bx:
        tile = T.alloc_shared((32, 64), "float32")
        T.copy(A[bx * 32, 0], tile)
        T.atomic_add(C[0, 0], tile)
# CHECK: error_atomic_add.py:10:9: error: T.atomic_add is not supported on the Tenstorrent backend: TT-Metalium has no atomic read-modify-write on DRAM tensors
