# Row max through T.max of the accumulator → reduce_max; broadcast subtraction → map.
# RUN: %tilec compile %s --emit ir | FileCheck %s
import tilelang.language as T

@T.prim_func
def rowmax(S: T.Buffer[(32, 64), "float32"], O: T.Buffer[(32, 64), "float32"]):
    with T.Kernel(1) as bx:
        s = T.alloc_fragment((32, 64), "float32")
        m = T.alloc_fragment((32,), "float32")
        T.copy(S, s)
        for i in T.Parallel(32):
            m[i] = -T.infinity("float32")
        for j in range(64):
            for i in T.Parallel(32):
                m[i] = T.max(m[i], s[i, j])
        for i, j in T.Parallel(32, 64):
            s[i, j] = T.exp(s[i, j] - m[i])
        T.copy(s, O)

# CHECK-LABEL: body:
# CHECK-NEXT: copy(S[0 +: 32, 0 +: 64] -> s[0 +: 32, 0 +: 64])
# CHECK-NEXT: fill(m[0 +: 32], -inf)
# CHECK-NEXT: reduce_max(s[0 +: 32, 0 +: 64] -> m[0 +: 32], dim=1, accumulate)
# CHECK-NEXT: map(i, j) s[0 +: 32, 0 +: 64] = exp(s[i, j] - m[i])
# CHECK-NEXT: copy(s[0 +: 32, 0 +: 64] -> O[0 +: 32, 0 +: 64])
