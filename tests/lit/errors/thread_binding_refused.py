# RUN: not %tilec compile %s --call "gemv(128, 128, 64, 64)" 2>&1 | FileCheck %s
# Explicit thread indices (T.get_thread_binding) are refused with the reason and what to write
# instead, also in a threads=(x, y) kernel (whose thread count alone is accepted).
import tilelang
import tilelang.language as T

@tilelang.jit(out_idx=[-1])
def gemv(N, K, BLOCK_N, BLOCK_K, dtype="float16"):
    @T.prim_func
    def main(A: T.Tensor((K,), dtype), B: T.Tensor((N, K), dtype), C: T.Tensor((N,), dtype)):
        with T.Kernel(T.ceildiv(N, BLOCK_N), threads=(32, 4)) as bn:
            tn = T.get_thread_binding(0)
            C[bn * BLOCK_N + tn] = A[0] * B[bn * BLOCK_N + tn, 0]
    return main
# CHECK: thread_binding_refused.py:12:18: error: T.get_thread_binding is not supported: tilec checks a block as one program (the reference interpreter has no threads) and maps work onto threads itself; write the per-thread work as a T.Parallel loop over the elements instead
# CHECK-NEXT: {{^}}            tn = T.get_thread_binding(0)
# CHECK-NEXT: {{^}}                 ^
