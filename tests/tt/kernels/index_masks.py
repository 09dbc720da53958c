# Index-dependent element-wise values (docs/TT_BACKEND.md, "Index tiles"): a causal mask of -inf
# added before a row max, a lower-triangle choice with 0, a mask whose condition uses the block
# indices and a loop variable, over 64x64 blocks (2x2 tiles per index tile). N = 64: one block per
# row of blocks, so R is written once.
# tilec: -D M=128 -D N=64
import tilelang.language as T


@T.prim_func
def index_masks(A: T.Tensor((M, N), "float32"), B: T.Tensor((M, N), "bfloat16"),
                R: T.Tensor((M,), "float32")):
    with T.Kernel(T.ceildiv(N, 64), T.ceildiv(M, 64)) as (bx, by):
        a = T.alloc_shared((64, 64), "float32")
        s = T.alloc_fragment((64, 64), "float32")
        m = T.alloc_fragment((64,), "float32")
        T.copy(A[by * 64, bx * 64], a)
        for i, j in T.Parallel(64, 64):
            s[i, j] = T.if_then_else(by * 64 + i >= bx * 64 + j, a[i, j], -T.infinity("float32"))
        T.reduce_max(s, m, dim=1)
        T.copy(m, R[by * 64])
        for k in T.serial(2):
            for i, j in T.Parallel(64, 64):
                s[i, j] = T.if_then_else(j >= k * 32 + i, 0, a[i, j] * 2.0) + s[i, j] * 0.5
        T.copy(s, B[by * 64, bx * 64])
