# Choices on tile values (lower-tile-choices): T.if_then_else whose condition compares tile values
# becomes a sign test of a difference (eqz/gtz/... _tile) into a +-inf tile and SFPU min/max.
# The row maximum knocked out (a top-k step), a tie-sensitive test (>= the row maximum) around a
# nested threshold against the row mean (into bfloat16), a range test
# joined with `and`, a data test joined with an index test (`or j < 16`, an index tile), and a
# guarded store on tile values (`if d < 0: d = 0`), and a choice between integer constants.
# tilec: -D M=64 -D N=64
import tilelang.language as T


@T.prim_func
def tile_choices(A: T.Tensor((M, N), "float32"), B: T.Tensor((M, N), "float32"),
                 C: T.Tensor((M, N), "bfloat16"), D: T.Tensor((M, N), "float32")):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        a = T.alloc_fragment((32, N), "float32")
        best = T.alloc_fragment((32,), "float32")
        mean = T.alloc_fragment((32,), "float32")
        b = T.alloc_fragment((32, N), "float32")
        c = T.alloc_fragment((32, N), "bfloat16")
        d = T.alloc_fragment((32, N), "float32")
        T.copy(A[bx * 32, 0], a)
        T.reduce_max(a, best, dim=1)
        T.reduce_sum(a, mean, dim=1)
        for i, j in T.Parallel(32, N):
            b[i, j] = T.if_then_else(a[i, j] == best[i], -T.infinity("float32"), a[i, j])
        for i, j in T.Parallel(32, N):
            c[i, j] = T.if_then_else(a[i, j] >= best[i], 4.0,
                                     T.if_then_else(a[i, j] * N > mean[i], a[i, j], mean[i] * 0.5))
        for i, j in T.Parallel(32, N):
            d[i, j] = T.if_then_else((a[i, j] >= -0.25 and a[i, j] < 0.5) or j < 16, a[i, j] * 2.0, -a[i, j])
        for i, j in T.Parallel(32, N):
            if d[i, j] < 0.0:
                d[i, j] = 0
        for i, j in T.Parallel(32, N):
            b[i, j] = b[i, j] + T.if_then_else(a[i, j] < 0.0, 1, 0)
        T.copy(b, B[bx * 32, 0])
        T.copy(c, C[bx * 32, 0])
        T.copy(d, D[bx * 32, 0])
