# Corpus (seed style): row reductions of element-wise expressions accumulated along a serial loop —
# a scaled sum, a dot product with a broadcast row, the product of two tensors (one cast from
# float16), a max of exponentials and a min of absolute values (T.max / T.min of the accumulator).
# Each is raised to a map into a fresh tile followed by a reduce.
# tilec: -D M=64 -D N=64
import tilelang.language as T


@T.prim_func
def row_expr(A: T.Buffer[(M, N), "float32"], B: T.Buffer[(M, N), "float16"],
             W: T.Buffer[(N,), "float32"], S: T.Buffer[(M,), "float32"],
             D: T.Buffer[(M,), "float32"], P: T.Buffer[(M,), "float32"],
             X: T.Buffer[(M,), "float32"], L: T.Buffer[(M,), "float32"]):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        s = T.alloc_local((32,), "float32")
        d = T.alloc_local((32,), "float32")
        p = T.alloc_local((32,), "float32")
        mx = T.alloc_local((32,), "float32")
        mn = T.alloc_local((32,), "float32")

        for i in T.Parallel(32):
            s[i] = 0.0
            d[i] = 0.0
            p[i] = 0.0
            mx[i] = -T.infinity("float32")
            mn[i] = T.infinity("float32")

        for j in range(N):
            for i in T.Parallel(32):
                s[i] += A[bx * 32 + i, j] * 0.5
        for j in range(N):
            for i in T.Parallel(32):
                d[i] += A[bx * 32 + i, j] * W[j]
        for j in range(N):
            for i in T.Parallel(32):
                p[i] = p[i] + T.cast(B[bx * 32 + i, j], "float32") * A[bx * 32 + i, j]
        for j in range(N):
            for i in T.Parallel(32):
                mx[i] = T.max(mx[i], T.exp(A[bx * 32 + i, j] * 0.25))
        for j in range(N):
            for i in T.Parallel(32):
                mn[i] = T.min(mn[i], T.abs(A[bx * 32 + i, j] - 0.5))

        for i in T.Parallel(32):
            S[bx * 32 + i] = s[i]
            D[bx * 32 + i] = d[i]
            P[bx * 32 + i] = p[i]
            X[bx * 32 + i] = mx[i]
            L[bx * 32 + i] = mn[i]
