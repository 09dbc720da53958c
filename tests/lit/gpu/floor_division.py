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
# CHECK: const int [[I:[a-z_0-9]+]] = tx / 8;
# CHECK: const int [[J:[a-z_0-9]+]] = tx % 8;
# CHECK: Q[[[I]] * 8 + [[J]]] = tilec_floordiv<int>(V[[[I]] * 8 + [[J]]], 3);
# CHECK: R[[[I]] * 8 + [[J]]] = tilec_floormod<int>(V[[[I]] * 8 + [[J]]] - 5, 4);
# CHECK: S[[[I]] * 8 + [[J]]] = ([[I]] * 8 + [[J]]) / 3;
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
