# Fuzz campaign seed 40090 (tt-sim-heavy campaign, this session; the kernel as generated).
# fuzz-regression: steps=tt-sim:grid:2026 status=fixed class=tt_drain_twice
# A fragment drained to two tensors (Res and Out) of one format: stage-global-accesses let the
# writer drain the compute kernel's CB directly, once per copy, but compute pushed it once; the
# writer waited for a second push forever. Observed before the fix: simulator deadlock (writer
# blocked in cb_wait_front on cb 16, received=1 acked=1). Fixed: a tile feeds the writer directly
# only for exactly one drain at its producer's loop level; otherwise compute fills a twin per drain.
# tilec: -D restrict=64
import tilelang.language as T

M = T.symbolic("restrict")

@T.prim_func
def kernel(
        gamma: T.Buffer[(M,), "float16"],
        Res: T.Buffer[(M,), "float16"],
        Out: T.Buffer[(M,), "float16"]
):
    with T.Kernel(T.ceildiv(M, 32), threads=32) as bx:
        c = T.alloc_fragment((32,), "float32")
        T.copy(gamma[bx * 32], c)
        C_local = T.alloc_shared((32,), "float16")
        for i2 in T.Parallel(32):
            C_local[i2] = (-T.exp2(T.tanh(c[i2])))
        B_shared = T.alloc_fragment((32,), "float16")
        T.clear(B_shared)
        asm = T.alloc_fragment((32,), "float16")
        for i3 in T.Parallel(32):
            asm[i3] = T.clamp(T.cast(C_local[i3], "bfloat16"), -1.0, 1.0)
        T.copy(asm, Res[bx * 32])
        T.copy(asm, Out[bx * 32])
