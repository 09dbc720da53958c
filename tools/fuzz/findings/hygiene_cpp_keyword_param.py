# Finding F3 (tools/fuzz, first campaign, seeds 28/44/58): known-open class "hygiene" (issue 8).
# fuzz-regression: steps=hipcc,nvcc status=fixed class=hygiene
# Buffers named like C++ keywords or SDK identifiers (`case`, `union`, `half`, ...) are printed
# verbatim: `const half *__restrict__ case` — hipcc: "invalid parameter name: 'case' is a keyword",
# nvcc: "expected an identifier". The printers need to rename user identifiers that are not
# valid C++ names in the emitted program (same mechanism as the symbolic-size hygiene fix).
# Observed: oracle --steps hipcc,nvcc -> vendor-error on both. Expected: ok.
import tilelang.language as T


@T.prim_func
def main(case: T.Buffer[(64, 64), "float16"], union: T.Buffer[(64, 64), "float16"]):
    with T.Kernel(2, 2, threads=128) as (bx, by):
        for i, j in T.Parallel(32, 32):
            union[by * 32 + i, bx * 32 + j] = case[by * 32 + i, bx * 32 + j] * 2.0
