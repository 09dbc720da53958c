# Row/column guards as GPU kernels write them (docs/TT_BACKEND.md, "Index tiles"): a load guarded by
# its tensor's bounds with 0 outside, a store guarded by its tensor's bounds (both what the clipped
# T.copy does, so they become copies), and a guard on a fragment (`if row < M - 8`), which is an
# index-dependent choice. M and N are not multiples of 32.
# tilec: -D M=40 -D N=72
import tilelang.language as T


@T.prim_func
def bounds_guards(A: T.Tensor((M, N), "float32"), C: T.Tensor((M, N), "float32")):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        a = T.alloc_fragment((32, 32), "float32")
        for i, j in T.Parallel(32, 32):
            a[i, j] = T.if_then_else(by * 32 + i < M and bx * 32 + j < N, A[by * 32 + i, bx * 32 + j], 0)
        for i, j in T.Parallel(32, 32):
            if by * 32 + i < M - 8:
                a[i, j] = a[i, j] * 2.0 + 1.0
        for i, j in T.Parallel(32, 32):
            if by * 32 + i < M and bx * 32 + j < N:
                C[by * 32 + i, bx * 32 + j] = a[i, j]
