# A float constant holds a value of its type. `T.cast(0.25, "bfloat16") / 3.0` folds to one
# bfloat16 constant; it used to keep 0.0833333 unrounded, which the reference rounded when it read
# it (0.083496094) and the CUDA printer did not (fuzz campaign seed 50130: gpu-interp MISMATCH
# 1.6e-4). Now the folded constant is rounded where it is made.
# RUN: %tilec compile %s --emit ir | FileCheck %s --check-prefix=IR
# RUN: %tilec compile %s --target cuda -o %t
# RUN: FileCheck %s --check-prefix=CUDA < %t/kernel.cu
# RUN: %tilec run %s --target gpu-interp | FileCheck %s --check-prefix=SIM
import tilelang.language as T


@T.prim_func
def main(Out: T.Tensor((2, 32), "float32")):
    with T.Kernel(1, threads=128) as bx:
        frag = T.alloc_shared((2, 32), "float32")
        for i, j in T.Parallel(2, 32):
            frag[i, j] = T.cast(T.cast(0.25, "float32"), "bfloat16") / 3.0
        T.copy(frag, Out[0, 0])

# IR: fill(frag[0 +: 2, 0 +: 32], 0.0834960938:bfloat16)
# CUDA: frag[i][j] = 0.083496094f;
# SIM: Out: max_abs_err=0.000e+00
# SIM: PASS
