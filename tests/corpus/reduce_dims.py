# Corpus: the reduce shape rule on every kind and dimension — reducing dim d of a 2-D fragment
# (0, 1, -1, -2) removes d from its shape; reducing a 1-D fragment (dim 0 or -1) leaves one
# element; clear=False folds into what the destination held. One block per M rows.
# tilec: -D M=32 -D N=64 -D G=2
import tilelang.language as T


@T.prim_func
def reduce_dims(A: T.Tensor((G * M, N), "float32"), Rows: T.Tensor((G * M,), "float32"),
                Cols: T.Tensor((G * N,), "float32")):
    with T.Kernel(G, threads=128) as bx:
        a = T.alloc_fragment((M, N), "float32")
        rs = T.alloc_fragment((M,), "float32")
        rm = T.alloc_fragment((M,), "float32")
        cs = T.alloc_fragment((N,), "float32")
        cm = T.alloc_fragment((N,), "float32")
        t = T.alloc_fragment((1,), "float32")
        u = T.alloc_fragment((1,), "float32")
        v = T.alloc_fragment((1,), "float32")
        T.copy(A[bx * M:(bx + 1) * M, 0:N], a)
        T.reduce_sum(a, rs, dim=-1)
        T.reduce_absmax(a, rm, dim=1)
        T.reduce_abssum(a, cs, dim=0)
        T.reduce_min(a, cm, dim=-2)
        T.reduce_abssum(rs, t, dim=0)
        T.reduce_absmax(cm, u, dim=-1)
        T.fill(v, 1.0)
        T.reduce_sum(rm, v, dim=0, clear=False)
        for i in T.Parallel(M):
            Rows[bx * M + i] = rs[i] / t[0] + rm[i] / v[0]
        for j in T.Parallel(N):
            Cols[bx * N + j] = cs[j] + cm[j] / u[0]
