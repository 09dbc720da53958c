# Finding F4 (tools/fuzz, long campaign seed 1141; also first campaign seed 222).
# fuzz-regression: steps=tt-sim:core:2026 status=fixed class=tt_rounding
# A cast to a narrower float inside an element-wise expression whose result is stored in a
# wider tile: T.cast(x, "bfloat16") of a float32 value into a float32 fragment. The reference
# (and gpu-interp) round the value to bfloat16; the TT lowering treats casts as free ("unpack
# and pack convert between CB formats", docs/TT_BACKEND.md) and so drops a cast that is not at a
# CB boundary: the float32 value goes through unrounded.
# Observed: tilec run --target tt-sim --grid 1x1 -> C MISMATCH (max_abs_err ~2e-3, pcc 0.99999).
# Expected: PASS (the cast's rounding is part of the value, TileLang keeps it).
# Fixed: the TT pass round-narrow-intermediates (src/target/tt/RoundNarrowIntermediates.cpp) stores
# every 16-bit intermediate of a kernel running with fp32 DST to a fragment of its dtype, whose
# pack rounds it as the reference does.
# Same class (seeds 1592, 1607, 1788, 2193): T.exp of a float16 value stored to a float32 tile —
# the reference rounds exp's result to float16 (a float16 expression), TT keeps DST precision
# (max_abs_err ~6e-4): tt_intermediate_rounding_exp16.py. The generator switch tt_rounding is gone:
# TT-meant kernels mix float dtypes and cast inside expressions by default.
import tilelang.language as T


@T.prim_func
def main(X: T.Buffer[(32, 32), "float32"], C: T.Buffer[(32, 32), "float32"]):
    with T.Kernel(1, 1) as (bx, by):
        x = T.alloc_shared((32, 32), "float32")
        T.copy(X[0, 0], x)
        y = T.alloc_fragment((32, 32), "float32")
        for i, j in T.Parallel(32, 32):
            y[i, j] = T.cast(x[i, j], "bfloat16")
        T.copy(y, C[0, 0])
