# Finding F2 (tools/fuzz, campaign seed 27, reduced): known-open class "hygiene" (issue 8).
# fuzz-regression: steps=nvcc status=fixed class=hygiene
# A fragment named `a` is the source of a row reduction; the CUDA printer names its own loop
# over the row `a` too, so the emitted code reads `m_red += fabsf(a[a]);` and nvcc stops:
# "expression must have pointer-to-object type but it has type int". interp and gpu-interp
# pass (the SIMT IR keeps the two apart; only the printed names collide).
# Observed: python3 tools/fuzz/oracle.py tools/fuzz/findings/hygiene_reduce_loop_var.py --steps nvcc
#           -> cuda:nvcc vendor-error. Expected: ok.
# Generator: one-letter lowercase buffer names belong to the colliding pools (switch hygiene).
import tilelang.language as T


@T.prim_func
def main(A: T.Buffer[(32, 32), "float32"], S: T.Buffer[(32,), "float32"]):
    with T.Kernel(1, threads=128) as bx:
        a = T.alloc_fragment((32, 32), "float32")
        m = T.alloc_fragment((32,), "float32")
        T.copy(A[0, 0], a)
        T.reduce_abssum(a, m, dim=1)
        T.copy(m, S[0])
