# stage-global-accesses: the writer pops a tile's CB once per drain, so every drain must consume a
# push of its own. A fragment drained to two tensors of one format, and a reader-filled tile drained
# inside a loop it was not filled in, each get a writer twin that compute fills once per drain
# (before, the writer waited for a second push that never came: fuzz campaign seed 40090, a
# simulator deadlock). The runs check the numbers.
# RUN: %tilec compile %s --kernel two_drains --target tt --stop-after=stage-global-accesses | FileCheck %s --check-prefix=TWO
# RUN: %tilec run %s --kernel two_drains --target tt-sim | FileCheck %s --check-prefix=SIM
# RUN: %tilec compile %s --kernel drain_in_loop --target tt --stop-after=stage-global-accesses | FileCheck %s --check-prefix=LOOP
# RUN: %tilec run %s --kernel drain_in_loop --target tt-sim | FileCheck %s --check-prefix=SIM
import tilelang.language as T


@T.prim_func
def two_drains(A: T.Tensor((64, 64), "float16"), Res: T.Tensor((64, 64), "float16"),
               Out: T.Tensor((64, 64), "float16")):
    with T.Kernel(2, 2, threads=128) as (bx, by):
        a = T.alloc_fragment((32, 32), "float16")
        T.copy(A[by * 32, bx * 32], a)
        b = T.alloc_fragment((32, 32), "float16")
        for i, j in T.Parallel(32, 32):
            b[i, j] = a[i, j] * 2.0
        T.copy(b, Res[by * 32, bx * 32])
        T.copy(b, Out[by * 32, bx * 32])

# TWO: alloc b_out: shared float16[32, 32]
# TWO: copy(b[0 +: 32, 0 +: 32] -> b_out[0 +: 32, 0 +: 32])
# TWO-NEXT: copy(b_out[0 +: 32, 0 +: 32] -> Res[
# TWO-NEXT: copy(b[0 +: 32, 0 +: 32] -> b_out[0 +: 32, 0 +: 32])
# TWO-NEXT: copy(b_out[0 +: 32, 0 +: 32] -> Out[


@T.prim_func
def drain_in_loop(A: T.Tensor((32, 32), "float16"), Out: T.Tensor((32, 128), "float16")):
    with T.Kernel(1, threads=128) as bx:
        s = T.alloc_shared((32, 32), "float16")
        T.copy(A[0, 0], s)
        for k in T.serial(4):
            T.copy(s, Out[0, k * 32])

# LOOP: alloc s_out: shared float16[32, 32]
# LOOP: for k in
# LOOP-NEXT: copy(s[0 +: 32, 0 +: 32] -> s_out[0 +: 32, 0 +: 32])
# LOOP-NEXT: copy(s_out[0 +: 32, 0 +: 32] -> Out[

# SIM-NOT: MISMATCH
# SIM: PASS
