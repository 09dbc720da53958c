# RUN: not %tilec run %s --target interp -D M=64 2>&1 | FileCheck %s
# `run` needs every free size: N is left unbound.
import tilelang.language as T

@T.prim_func
def add(A: T.Buffer[(M, N), "float32"], B: T.Buffer[(M, N), "float32"]):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        for i, j in T.Parallel(32, N):
            B[bx * 32 + i, j] = A[bx * 32 + i, j] + 1.0
# CHECK: meta_unbound_size_at_run.py:6:25: error: running needs a value for the symbolic size 'N': pass -D N=<value> (or a '# tilec: -D N=...' line)
# CHECK-NEXT: {{^}}def add(A: T.Buffer[(M, N), "float32"], B: T.Buffer[(M, N), "float32"]):
# CHECK-NEXT: {{^}}                        ^
