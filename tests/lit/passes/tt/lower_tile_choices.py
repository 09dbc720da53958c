# lower-tile-choices: a T.if_then_else whose condition reads tiles becomes a sign test of the
# difference (eqz, gtz, ...) scaled to a +-inf tile, computed by a map of its own before the
# choice, and SFPU min/max; a -inf branch drops out; an index test joined to it (`or j < 16`)
# stays `c ? 1.0 : 0.0` for build-index-tiles; a choice on an index condition alone is left as it is.
# RUN: %tilec compile %s --target tt --stop-after=raise-scalar-code | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt --stop-after=lower-tile-choices | FileCheck %s --check-prefix=AFTER
import tilelang.language as T

@T.prim_func
def choices(A: T.Tensor((32, 64), "float32"), B: T.Tensor((32, 64), "float32")):
    with T.Kernel(1) as bx:
        a = T.alloc_fragment((32, 64), "float32")
        best = T.alloc_fragment((32,), "float32")
        T.copy(A[0, 0], a)
        T.reduce_max(a, best, dim=1)
        for i, j in T.Parallel(32, 64):
            a[i, j] = T.if_then_else(a[i, j] == best[i], -T.infinity("float32"), a[i, j])
        for i, j in T.Parallel(32, 64):
            a[i, j] = T.if_then_else(a[i, j] > 0.5 or j < 16, a[i, j], 0.0)
        for i, j in T.Parallel(32, 64):
            a[i, j] = T.if_then_else(j < 8, a[i, j], 1.0)
        T.copy(a, B[0, 0])

# BEFORE: map(i, j) a[0 +: 32, 0 +: 64] = select(a[i, j] == best[i], -inf, a[i, j])

# AFTER: alloc a_choice: fragment float32[32, 64]
# AFTER: alloc a_choice1: fragment float32[32, 64]
# AFTER-NOT: alloc
# AFTER: map(i, j) a_choice[0 +: 32, 0 +: 64] = (eqz(a[i, j] - best[i]) * 2.0 - 1.0) * inf
# AFTER-NEXT: map(i, j) a[0 +: 32, 0 +: 64] = min(a[i, j], -a_choice[i, j])
# AFTER-NEXT: map(i, j) a_choice1[0 +: 32, 0 +: 64] = (max(gtz(a[i, j] - 0.5), select(j < 16, 1.0, 0.0)) * 2.0 - 1.0) * inf
# AFTER-NEXT: map(i, j) a[0 +: 32, 0 +: 64] = max(min(a[i, j], a_choice1[i, j]), min(0.0, -a_choice1[i, j]))
# AFTER-NEXT: map(i, j) a[0 +: 32, 0 +: 64] = select(j < 8, a[i, j], 1.0)
