# restore-unit-axes: the simplifier drops T.Parallel loops of extent 1, so a 1-row block's
# statistics arrive as plain stores to one-element tiles (`mean[0] = mean[0] / 256`) and its 2-D
# nests read `x[0, j]`. The pass makes the stores maps over the one element and puts the axis back
# into `x[0, j]` (the map's box and `x` both have one row), so the tensoriser sees the element itself.
# RUN: %tilec compile %s --target tt --stop-after=inline-parallel-lets | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt --stop-after=restore-unit-axes | FileCheck %s --check-prefix=AFTER
import tilelang.language as T

@T.prim_func
def one_row(X: T.Tensor((8, 256), "float32"), Y: T.Tensor((8, 256), "float32")):
    with T.Kernel(8) as bx:
        x = T.alloc_fragment((1, 256), "float32")
        mean = T.alloc_fragment((1,), "float32")
        T.copy(X[bx:bx + 1, :], x)
        T.reduce_sum(x, mean, dim=1)
        for i in T.Parallel(1):
            mean[i] = mean[i] / 256
        for i, j in T.Parallel(1, 256):
            x[i, j] = x[i, j] - mean[i]
        T.copy(x, Y[bx:bx + 1, :])

# BEFORE:      mean[0] = mean[0] / 256
# BEFORE:      map(_u0, j) x[0 +: 1, 0 +: 256] = x[0, j] - mean[0]

# AFTER-NOT:   mean[0] =
# AFTER:       map(i) mean[0 +: 1] = mean[0] / 256
# AFTER-NEXT:  map(_u0, j) x[0 +: 1, 0 +: 256] = x[_u0, j] - mean[0]
