# RUN: %tilec compile %s --emit ir | FileCheck %s
# RUN: %tilec run %s --target interp | FileCheck %s --check-prefix=EXEC
# infer-copy-regions lays the other side's extents onto the start-only side's trailing
# dimensions with unit extents in place, as TileLang does: an [M, 1] tile copied from X[0, bx] is
# a column of X. (Dropping the unit extent made it a row of M, clipped at X's edge: a silently
# wrong column RMS norm, with both reference paths agreeing.) Y is a T.empty-style output
# (out_idx), so on a run target an element the kernel never writes fails the comparison.
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def col_scale(M=64, N=8):
    @T.prim_func
    def main(X: T.Tensor((M, N), "float32"), Y: T.Tensor((M, N), "float32")):
        with T.Kernel(N, threads=64) as bx:
            col = T.alloc_fragment((M, 1), "float32")
            T.copy(X[0, bx], col)
            for i, j in T.Parallel(M, 1):
                col[i, j] = col[i, j] * 2.0
            T.copy(col, Y[0, bx])
    return main
# CHECK: copy(X[0 +: 64, bx +: 1] -> col[0 +: 64, 0 +: 1])
# CHECK: copy(col[0 +: 64, 0 +: 1] -> Y[0 +: 64, bx +: 1])
# EXEC: Y: max_abs_err=0.000e+00
# EXEC: PASS
