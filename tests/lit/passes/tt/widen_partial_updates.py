# widen-partial-updates: a copy into one column of a tile and a map over one row become maps over
# the whole tile choosing by the element's coordinates; the tile, first touched by such an update,
# starts as zeros. A map over the whole tile is left as it is.
# RUN: %tilec compile %s --target tt --stop-after=raise-scalar-code | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt --stop-after=widen-partial-updates | FileCheck %s --check-prefix=AFTER
import tilelang.language as T

@T.prim_func
def partial(A: T.Tensor((32, 32), "float32"), B: T.Tensor((32, 32), "float32")):
    with T.Kernel(1) as bx:
        a = T.alloc_fragment((32, 32), "float32")
        m = T.alloc_fragment((32,), "float32")
        out = T.alloc_fragment((32, 32), "float32")
        T.copy(A[0, 0], a)
        for r in T.serial(4):
            T.reduce_max(a, m, dim=1)
            for i in T.Parallel(32):
                out[i, r] = m[i]
            for j in T.Parallel(32):
                out[r * 2 + 8, j] = a[0, j] * 0.0 + m[j] * 2.0
            for i, j in T.Parallel(32, 32):
                a[i, j] = a[i, j] * 0.5
        T.copy(out, B[0, 0])

# BEFORE: copy(m[0 +: 32] -> out[0 +: 32, r +: 1])
# BEFORE: map(_u0, j) out[r * 2 + 8 +: 1, 0 +: 32] = a[0, j] * 0.0 + m[j] * 2.0

# AFTER: body:
# AFTER-NEXT: fill(out[0 +: 32, 0 +: 32], 0.0)
# AFTER: map(i, j) out[0 +: 32, 0 +: 32] = select(j == r, m[i], out[i, j])
# AFTER-NEXT: map(i, j) out[0 +: 32, 0 +: 32] = select(i == r * 2 + 8, a[0, j] * 0.0 + m[j] * 2.0, out[i, j])
# AFTER-NEXT: map(i, j) a[0 +: 32, 0 +: 32] = a[i, j] * 0.5
