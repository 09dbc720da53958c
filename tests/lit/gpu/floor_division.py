# RUN: %tilec compile %s --target cuda -o %t
# RUN: FileCheck %s < %t/kernel.cu
# RUN: %tilec compile %s --target hip -o %t.hip
# RUN: FileCheck %s --check-prefix=HIP < %t.hip/kernel.hip
# RUN: %tilec run %s --target gpu-interp | FileCheck %s --check-prefix=EXEC
# Finding F1 (tools/fuzz): integer `//` and `%` floor in TileLang (as in Python), but the GPU
# printer spelled them as C's `/` and `%`, which truncate toward zero: -4 // 3 gave -1, not -2,
# with no error. Operands that may be negative now go through tilec_floordiv / tilec_floormod;
# index arithmetic whose operands are known non-negative (thread and block indices, loops from
# 0) keeps the plain operators. The kernel uses no block index, so none is declared (an unused
# `const int bx` is an nvcc warning, an error under -Werror).
# CHECK: T tilec_floordiv(T a, T b)
# CHECK: T tilec_floormod(T a, T b)
# CHECK-NOT: blockIdx
# Each thread takes 4 consecutive elements (one 16-byte load and store) and computes them one
# lane `l` at a time in registers.
# CHECK: const int [[I:[a-z_0-9]+]] = tx / 2 % 4;
# CHECK: const int [[V:[a-z_0-9]+]] = tx % 2;
# CHECK: Q_v[l] = tilec_floordiv<int>(V_v{{[0-9]*}}[l], 3);
# CHECK: R_v[l] = tilec_floormod<int>(V_v{{[0-9]*}}[l] - 5, 4);
# CHECK: S_v[l] = ([[I]] * 8 + [[V]] * 4 + l) / 3;
# HIP: tilec_floordiv<int>(
# EXEC: PASS
import tilelang.language as T


@T.prim_func
def main(V: T.Buffer[(4, 8), "int32"], Q: T.Buffer[(4, 8), "int32"], R: T.Buffer[(4, 8), "int32"],
         S: T.Buffer[(4, 8), "int32"]):
    with T.Kernel(1, threads=32) as bx:
        for i, j in T.Parallel(4, 8):
            Q[i, j] = V[i, j] // 3
            R[i, j] = (V[i, j] - 5) % 4
            S[i, j] = (i * 8 + j) // 3
