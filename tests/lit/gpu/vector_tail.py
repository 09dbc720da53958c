# RUN: %tilec compile %s --target cuda -o %t
# RUN: FileCheck %s < %t/kernel.cu
# RUN: %tilec run %s --target gpu-interp -D n=96 | FileCheck %s --check-prefix=EXEC
# RUN: %tilec run %s --target gpu-interp -D n=100 | FileCheck %s --check-prefix=EXEC
# RUN: %tilec run %s --target cuda-host -D n=100 | FileCheck %s --check-prefix=EXEC
# A row length known only at run time: the 16-byte path is taken only when the row is a multiple
# of 8 fp16 (so every row starts 16-byte aligned); otherwise the same 8 lanes run one element at a
# time (the scalar tail). n=96 takes the vector path; n=100 puts row 1 at element 100, which no
# 16-byte access may start at, so every thread takes the tail (a vector access there is an
# alignment error on gpu-interp and a misaligned-address fault on a GPU). The test is printed
# once per distinct condition.
# CHECK: if (n % 8 == 0 && v * 8 < n) {
# CHECK: *reinterpret_cast<uint4 *>(&A_v[0]) = *reinterpret_cast<const uint4 *>(&A[i * n + v * 8]);
# CHECK: } else {
# CHECK: for (int l = 0; l < 8; ++l) {
# CHECK: B[i * 64 + v * 8 + l] = (v * 8 + l < n ? A[i * n + v * 8 + l] : half(0.0f)) * half(2.0f) + half(1.0f);
# EXEC: PASS
import tilelang.language as T

n = T.symbolic("n")


@T.prim_func
def main(A: T.Buffer[(16, n), "float16"], B: T.Buffer[(16, 64), "float16"]):
    with T.Kernel(1, threads=64) as bx:
        for i, j in T.Parallel(16, 64):
            B[i, j] = A[i, j] * 2 + 1
