# RUN: %tilec compile %s --emit ir-raw | FileCheck %s
# T.Persistent: a serial loop over waves; wave w of block `bid` takes tile t = w * 3 + bid of the
# domain grouped by 2 along its last dimension ([ceil(5 / 2), 4, 2] = 24 tiles padded, 8 waves);
# bm is the middle digit of t, bn = first digit * 2 + last digit, guarded by t < 24 and bn < 5.
import tilelang.language as T


@T.prim_func
def tiles(A: T.Tensor((128, 160), "float32"), B: T.Tensor((128, 160), "float32")):
    with T.Kernel(3) as bid:
        t = T.alloc_fragment((32, 32), "float32")
        for bm, bn in T.Persistent([4, 5], 3, bid, group_size=2):
            T.copy(A[bm * 32, bn * 32], t)
            T.copy(t, B[bm * 32, bn * 32])
# CHECK: for w in serial(8):
# CHECK-NEXT: if w * 3 + bid < 24 and (w * 3 + bid) // 2 // 4 * 2 + (w * 3 + bid) % 2 < 5:
# CHECK-NEXT: copy(A[(w * 3 + bid) // 2 % 4 * 32, ((w * 3 + bid) // 2 // 4 * 2 + (w * 3 + bid) % 2) * 32] -> t[0 +: 32, 0 +: 32])
