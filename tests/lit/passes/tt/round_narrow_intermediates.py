# round-narrow-intermediates: the kernel writes a float32 tile, so DST keeps float32 between
# operations; the 16-bit intermediates (a bfloat16 product, a float16 exponential) are stored to
# fragments of their own dtype, whose pack rounds them as the reference does. A 16-bit constant is
# folded to the value its dtype holds. A kernel with no float32 tile keeps its maps whole.
# RUN: %tilec compile %s --kernel main --target tt --stop-after=stage-global-accesses | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --kernel main --target tt --stop-after=round-narrow-intermediates | FileCheck %s --check-prefix=AFTER
# RUN: %tilec compile %s --target tt --kernel all_bf16 --stop-after=round-narrow-intermediates | FileCheck %s --check-prefix=SIXTEEN
# RUN: %tilec run %s --kernel main --target tt-sim --grid 1x1 | FileCheck %s --check-prefix=SIM
import tilelang.language as T


@T.prim_func
def main(X: T.Buffer[(32, 32), "float16"], B: T.Buffer[(32, 32), "bfloat16"], C: T.Buffer[(32, 32), "float32"]):
    with T.Kernel(1, 1) as (bx, by):
        x = T.alloc_shared((32, 32), "float16")
        b = T.alloc_shared((32, 32), "bfloat16")
        T.copy(X[0, 0], x)
        T.copy(B[0, 0], b)
        y = T.alloc_fragment((32, 32), "float32")
        for i, j in T.Parallel(32, 32):
            y[i, j] = T.exp(x[i, j]) + T.cast(b[i, j] * b[i, j], "float32")
        T.copy(y, C[0, 0])


@T.prim_func
def all_bf16(B: T.Buffer[(32, 32), "bfloat16"], C: T.Buffer[(32, 32), "bfloat16"]):
    with T.Kernel(1, 1) as (bx, by):
        b = T.alloc_shared((32, 32), "bfloat16")
        T.copy(B[0, 0], b)
        y = T.alloc_fragment((32, 32), "bfloat16")
        for i, j in T.Parallel(32, 32):
            y[i, j] = b[i, j] * b[i, j] + b[i, j]
        T.copy(y, C[0, 0])

# BEFORE:     map(i, j) y[0 +: 32, 0 +: 32] = exp(x[i, j]) + cast<float32>(b[i, j] * b[i, j])
# AFTER:      alloc [[P:y_bfloat16_0]]: fragment bfloat16[32, 32]
# AFTER:      alloc [[E:y_float16_1]]: fragment float16[32, 32]
# AFTER:      map(i, j) [[P]][0 +: 32, 0 +: 32] = b[i, j] * b[i, j]
# AFTER-NEXT: map(i, j) [[E]][0 +: 32, 0 +: 32] = exp(x[i, j])
# AFTER-NEXT: map(i, j) y[0 +: 32, 0 +: 32] = [[E]][i, j] + cast<float32>([[P]][i, j])
# SIXTEEN-NOT: alloc y_
# SIXTEEN:     map(i, j) y[0 +: 32, 0 +: 32] = b[i, j] * b[i, j] + b[i, j]
# SIM: C: max_abs_err={{.*}} ok
# SIM: PASS
