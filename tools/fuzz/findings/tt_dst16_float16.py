# Finding F5 (tools/fuzz, final campaign seed 30956; the kernel as generated).
# fuzz-regression: steps=tt-sim:core:2025 status=fixed class=tt_dst16_format
# A kernel whose tiles are all float16 runs with 16-bit DST (no float32 tile, so no
# fp32_dest_acc_en). The simulator rounded every DST write to bfloat16 (8 bits of mantissa) whatever
# the data, while the reference rounds float16 math to float16 (11 bits).
# Observed before the fix: tilec run --target tt-sim -> S MISMATCH (max_abs_err 1.95e-2, pcc 0.990: the row sums of the rounded values).
# Fixed in the simulator: DST in 16-bit mode holds the math engine's format, which follows the srcA
# operand's CB format (Float16 stays IEEE half; sim/src/runtime/compute_api.cpp, settleDst).
import tilelang.language as T


@T.prim_func
def func(
        public: T.Buffer[(104, 32), "float16"],
        Out: T.Buffer[(104, 32), "float16"],
        S: T.Buffer[(104,), "float16"]
):
    with T.Kernel(T.ceildiv(104, 64), threads=128) as bx:
        x = T.alloc_fragment((64, 32), "float16")
        tz = T.alloc_fragment((64,), "float16")
        T.fill(tz, T.infinity("float16"))
        for kb in T.Pipelined(T.ceildiv(32, 32), num_stages=1):
            T.copy(public[bx * 64, kb * 32], x)
            T.reduce_min(x, tz, dim=1, clear=False)
            T.copy(x, Out[bx * 64, kb * 32])
        for tt_metal in T.Parallel(64):
            tz[tt_metal] = ((tz[tt_metal] - 3.0) + (tz[tt_metal] / (T.abs(tz[tt_metal]) + 1.0)))
        T.copy(tz, S[bx * 64])
        total = T.alloc_fragment((1,), "float16")
        T.reduce_sum(tz, total, dim=0)
