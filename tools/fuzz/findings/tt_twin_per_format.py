# Finding F6 (tools/fuzz, final campaign seed 31406; the kernel as generated).
# fuzz-regression: steps=tt-sim:core:2026 status=fixed class=tt_twin_format
# One tile drained to a float16 tensor (Res) and a float32 tensor (C): stage-global-accesses gave
# it one writer twin, in the first drain's format, so C received float16 bytes read as float32.
# Observed before the fix: C MISMATCH (max_abs_err 2.0, pcc 0.008). Fixed: one twin per format.
# tilec: --call "make(256, 64, block_N=32)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def make(M, N, block_M=128, block_N=32):

    @T.prim_func
    def func(
            Out: T.Tensor((M, N), "float32"),
            Res: T.Tensor((M, N), "float16"),
            C: T.Tensor((M, N), "float32")
    ):
        with T.Kernel(T.ceildiv(M, block_M), threads=128) as inline:
            tmp = T.alloc_shared((block_M, N), "float32")
            T.copy(Out[inline * block_M, 0], tmp)
            for ii, tx in T.Parallel(block_M, N):
                tmp[ii, tx] = (T.cast((T.float32(0.25) / 2.0), "float32") - ((-tmp[ii, tx])).astype("bfloat16"))
            T.copy(tmp, Res[inline * block_M, 0])
            T.copy(tmp, C[inline * block_M, 0])

    return func
