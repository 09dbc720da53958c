# RUN: not %tilec compile %s --call "op('reshape')" 2>&1 | FileCheck %s --check-prefix=RESHAPE
# RUN: not %tilec compile %s --call "op('alloc_reducer')" 2>&1 | FileCheck %s --check-prefix=REDUCER
# RUN: not %tilec compile %s --call "op('barrier_arrive')" 2>&1 | FileCheck %s --check-prefix=BARRIER
# RUN: not %tilec compile %s --call "op('alloc_tmem')" 2>&1 | FileCheck %s --check-prefix=TMEM
# An operation tilec does not support yet is refused at the call, naming it and saying what to
# write instead (operations of one family share their advice).
import tilelang
import tilelang.language as T


def op(name):
    @T.prim_func
    def main(A: T.Tensor((64,), "float32")):
        with T.Kernel(1) as bx:
            a = T.alloc_fragment((64,), "float32")
            b = getattr(T, name)(a, (32, 2))
    return main
# RESHAPE: not_supported_yet_advice.py:[[@LINE-2]]:17: error: T.reshape is not supported yet; allocate the tile in the shape you need, or index it with the reshaped coordinates in a T.Parallel loop (flat[i * N + j] = a[i, j])
# REDUCER: error: T.alloc_reducer is not supported yet; accumulate into a T.alloc_fragment and combine it with T.reduce_sum / T.reduce_max, or T.atomic_add into a global tensor
# BARRIER: error: T.barrier_arrive is not supported yet; write T.copy inside T.Pipelined: tilec emits the asynchronous copies, their waits and the barriers itself
# TMEM: error: T.alloc_tmem is not supported yet; tensor memory is sm_100's
