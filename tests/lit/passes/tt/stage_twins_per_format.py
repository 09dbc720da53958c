# stage-global-accesses: a tile drained to a float16 and to a float32 tensor gets one writer twin
# per data format (the writer moves bytes without converting; before, both drains went through the
# float16 twin and the float32 tensor received float16 bytes: fuzz finding F6). The run checks both.
# RUN: %tilec compile %s --target tt --stop-after=stage-global-accesses | FileCheck %s
# RUN: %tilec run %s --target tt-sim --grid 1x1 | FileCheck %s --check-prefix=SIM
import tilelang.language as T


@T.prim_func
def main(A: T.Tensor((64, 32), "float32"), Half: T.Tensor((64, 32), "float16"),
         Full: T.Tensor((64, 32), "float32")):
    with T.Kernel(2) as bx:
        t = T.alloc_shared((32, 32), "float32")
        T.copy(A[bx * 32, 0], t)
        for i, j in T.Parallel(32, 32):
            t[i, j] = t[i, j] * 3.0 + 0.5
        T.copy(t, Half[bx * 32, 0])
        T.copy(t, Full[bx * 32, 0])

# CHECK-DAG: alloc t_out: shared float16[32, 32]
# CHECK-DAG: alloc t_out_float32: shared float32[32, 32]
# CHECK: copy(t[0 +: 32, 0 +: 32] -> t_out[0 +: 32, 0 +: 32])
# CHECK-NEXT: copy(t_out[0 +: 32, 0 +: 32] -> Half[
# CHECK-NEXT: copy(t[0 +: 32, 0 +: 32] -> t_out_float32[0 +: 32, 0 +: 32])
# CHECK-NEXT: copy(t_out_float32[0 +: 32, 0 +: 32] -> Full[
# SIM: Half: max_abs_err={{.*}} ok
# SIM: Full: max_abs_err={{.*}} ok
# SIM: PASS
