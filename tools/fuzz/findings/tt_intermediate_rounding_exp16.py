# Finding F4, second form (tools/fuzz, long campaign seeds 1592, 1607, 1788, 2193).
# fuzz-regression: steps=tt-sim:grid:2025 status=fixed class=tt_rounding
# An element-wise expression of a 16-bit dtype (T.exp of a float16 tile, a bfloat16 product)
# stored into a float32 tile. The reference rounds each 16-bit result to its dtype; the kernel
# writes float32, so it runs with fp32_dest_acc_en and DST kept float32 between the operations.
# Observed before the fix: tilec run --target tt-sim -> C MISMATCH (max_abs_err ~1.4e-3).
# Fixed by round-narrow-intermediates (see tt_intermediate_rounding.py).
import tilelang.language as T


@T.prim_func
def main(X: T.Buffer[(64, 64), "float16"], V: T.Buffer[(64,), "bfloat16"], C: T.Buffer[(64, 64), "float32"]):
    with T.Kernel(2, 2) as (bx, by):
        x = T.alloc_shared((32, 32), "float16")
        v = T.alloc_shared((32,), "bfloat16")
        T.copy(X[by * 32, bx * 32], x)
        T.copy(V[bx * 32], v)
        y = T.alloc_fragment((32, 32), "float32")
        for i, j in T.Parallel(32, 32):
            y[i, j] = T.exp(x[i, j]) + T.cast(v[j] * v[j] + 0.3, "float32")
        T.copy(y, C[by * 32, bx * 32])
