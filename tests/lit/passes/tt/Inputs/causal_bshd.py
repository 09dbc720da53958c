# Causal attention scores over (batch, seq, heads, dim) tensors: the key loop stops at the diagonal,
# so its trip count depends on bx; the tiles' rows are the tensors' second dimension.
import tilelang.language as T

@T.prim_func
def causal_scores(Q: T.Tensor((1, 128, 2, 32), "bfloat16"), K: T.Tensor((1, 128, 2, 32), "bfloat16"),
                  S: T.Tensor((1, 128, 2, 32), "float32")):
    with T.Kernel(4, 2) as (bx, by):
        q = T.alloc_shared((32, 32), "bfloat16")
        k_s = T.alloc_shared((32, 32), "bfloat16")
        acc = T.alloc_fragment((32, 32), "float32")
        T.copy(Q[0, bx * 32:(bx + 1) * 32, by, :], q)
        T.clear(acc)
        for k in T.serial(bx + 1):
            T.copy(K[0, k * 32:(k + 1) * 32, by, :], k_s)
            T.gemm(q, k_s, acc, transpose_B=True)
        T.copy(acc, S[0, bx * 32:(bx + 1) * 32, by, :])
