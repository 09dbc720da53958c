# bridge-vector-layouts: the row sums s (a column vector: REDUCE_ROW leaves one) are read as s[i]
# in a map over (j, i), where i is the column axis; that map reads a row-vector twin filled just
# before it. A vector whose reads agree (v, as a column both times) gets no twin.
# RUN: %tilec compile %s --target tt --stop-after=chunk-k-loops | FileCheck %s --check-prefix=BEFORE
# RUN: %tilec compile %s --target tt --stop-after=infer-vector-layouts | FileCheck %s --check-prefix=AFTER
import tilelang.language as T

@T.prim_func
def scale_transpose(X: T.Tensor((32, 64), "float32"), V: T.Tensor((32,), "float32"),
                    Y: T.Tensor((64, 32), "float32")):
    with T.Kernel(1) as bx:
        x = T.alloc_fragment((32, 64), "float32")
        v = T.alloc_fragment((32,), "float32")
        s = T.alloc_fragment((32,), "float32")
        y = T.alloc_fragment((64, 32), "float32")
        T.copy(X[0, 0], x)
        T.copy(V[0], v)
        for i, j in T.Parallel(32, 64):
            x[i, j] = x[i, j] * v[i]
        T.reduce_sum(x, s, dim=1)
        for j, i in T.Parallel(64, 32):
            y[j, i] = x[i, j] / s[i]
        for i, j in T.Parallel(32, 64):
            x[i, j] = x[i, j] + v[i]
        T.copy(y, Y[0, 0])

# BEFORE: reduce_sum(x[0 +: 32, 0 +: 64] -> s[0 +: 32], dim=1)
# BEFORE-NEXT: map(j, i) y[0 +: 64, 0 +: 32] = x[i, j] / s[i]

# AFTER: alloc s_row: fragment float32[32]
# AFTER-NOT: alloc v_
# AFTER: reduce_sum(x[0 +: 32, 0 +: 64] -> s[0 +: 32], dim=1)
# AFTER-NEXT: map(k) s_row[0 +: 32] = s[k]
# AFTER-NEXT: map(j, i) y[0 +: 64, 0 +: 32] = x[i, j] / s_row[i]
# AFTER-NEXT: map(i, j) x[0 +: 32, 0 +: 64] = x[i, j] + v[i]
# AFTER: // vector layouts
# AFTER: s: col
# AFTER-NEXT: s_row: row
# AFTER-NEXT: v: col
