# RUN: %tilec compile %s --target cuda -o %t
# RUN: FileCheck %s < %t/kernel.cu
# Found by tools/fuzz (finding F5, campaign seed 2321): T.sigmoid printed its argument after a
# bare `-` at the lowest precedence, so sigmoid(-1.5) read `expf(--1.5f)` (C's decrement: nvcc
# "expression must be a modifiable lvalue") and sigmoid(a + b) read `expf(-a + b)` (a wrong
# value that compiles). The argument is now negated at unary precedence, a negative literal in
# parentheses.
# CHECK: expf(-(-1.5f))
# CHECK-NOT: --1.5f
# CHECK: expf(-(X{{[_v0-9]*}}[{{.*}}] + X{{[_v0-9]*}}[{{.*}}] * 2.0f))
import tilelang.language as T


@T.prim_func
def main(X: T.Buffer[(32,), "float32"], Y: T.Buffer[(32,), "float32"], Z: T.Buffer[(32,), "float32"]):
    with T.Kernel(1, threads=32) as bx:
        for i in T.Parallel(32):
            Y[i] = T.sigmoid(T.cast(-1.5, "float16"))
            Z[i] = T.sigmoid(X[i] + X[i] * 2.0)
