# A file's `# tilec:` lines give default flags; the command line overrides them.
# tilec: -D M=64 --kernel scale
# RUN: %tilec compile %s --emit ir | FileCheck %s --check-prefix=DEFAULT
# RUN: %tilec compile %s --emit ir -D M=96 | FileCheck %s --check-prefix=OVERRIDE
# RUN: %tilec compile %s --emit ir --kernel shift | FileCheck %s --check-prefix=KERNEL
# DEFAULT: kernel scale(A: float32[64, 32], B: float32[64, 32])
# OVERRIDE: kernel scale(A: float32[96, 32], B: float32[96, 32])
# KERNEL: kernel shift(A: float32[64, 32], B: float32[64, 32])
import tilelang.language as T


@T.prim_func
def scale(A: T.Buffer[(M, 32), "float32"], B: T.Buffer[(M, 32), "float32"]):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        for i, j in T.Parallel(32, 32):
            B[bx * 32 + i, j] = A[bx * 32 + i, j] * 2.0


@T.prim_func
def shift(A: T.Buffer[(M, 32), "float32"], B: T.Buffer[(M, 32), "float32"]):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        for i, j in T.Parallel(32, 32):
            B[bx * 32 + i, j] = A[bx * 32 + i, j] + 1.0
