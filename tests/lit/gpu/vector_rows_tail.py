# RUN: %tilec compile %s --target cuda -o %t
# RUN: FileCheck %s < %t/kernel.cu
# RUN: %tilec run %s --target gpu-interp -D n=64 --report-global | FileCheck %s --check-prefix=VEC
# RUN: %tilec run %s --target gpu-interp -D n=68 --report-global | FileCheck %s --check-prefix=VEC
# RUN: %tilec run %s --target gpu-interp -D n=66 --report-global | FileCheck %s --check-prefix=TAIL
# RUN: %tilec run %s --target cuda-host -D n=64 | FileCheck %s --check-prefix=EXEC
# RUN: %tilec run %s --target cuda-host -D n=66 | FileCheck %s --check-prefix=EXEC
# Rows of a fragment in 16-byte runs (4 fp32 a thread) read from a tensor whose row length n is
# known only at run time, and from the last block's rows past the tensor's 20 (blocks of 8 rows).
# A run takes the vector path only when n is a multiple of 4 (so every row starts 16-byte
# aligned) and the run is inside the tensor; otherwise the same 4 elements one guarded access
# each (the scalar tail): n=66 misaligns row 1, so X and W are read element by element (a vector
# there is an alignment error on gpu-interp, a misaligned-address fault on a GPU), while Y (rows
# of 64) still moves 16-byte runs; rows 20..23 of block 2 take the tail too. Every case computes
# what the reference interpreter computes, on gpu-interp and on the printed source.
# CHECK: for (int q = 0; q < 2; ++q) {
# CHECK: if (n % 4 == 0 && (bx * 8 + i < 20 && tx % 16 * 4 < n)) {
# CHECK: *reinterpret_cast<uint4 *>(&X_v[0]) = *reinterpret_cast<const uint4 *>(&X[(bx * 8 + i) * n + tx % 16 * 4]);
# CHECK: } else {
# CHECK: x[r] = bx * 8 + i < 20 && j < n ? X[(bx * 8 + i) * n + j] : 0.0f;
# CHECK: s_red += __shfl_xor_sync(0xffffffffu, s_red, 8);
# CHECK: x[r] = x[r] * W_v[l] - s[r / 4];
# CHECK: if (bx * 8 + i < 20) {
# CHECK: *reinterpret_cast<uint4 *>(&Y[(bx * 8 + i) * 64 + tx % 16 * 4]) = *reinterpret_cast<const uint4 *>(&Y_v[0]);
# VEC-DAG: vector load X: 16-byte lanes, {{9[0-9]|100}}% coalesced
# VEC-DAG: vector load W: 16-byte lanes, 100% coalesced
# VEC-DAG: vector store Y: 16-byte lanes, 100% coalesced
# VEC: PASS
# TAIL-DAG: load X: 4-byte lanes
# TAIL-DAG: load W: 4-byte lanes
# TAIL-DAG: vector store Y: 16-byte lanes, 100% coalesced
# TAIL: PASS
# EXEC: PASS
import tilelang.language as T

n = T.symbolic("n")


@T.prim_func
def main(X: T.Buffer[(20, n), "float32"], W: T.Buffer[(n,), "float32"], Y: T.Buffer[(20, 64), "float32"]):
    with T.Kernel(3, threads=64) as bx:
        x = T.alloc_fragment((8, 64), "float32")
        s = T.alloc_fragment((8,), "float32")
        T.copy(X[bx * 8, 0], x)
        T.reduce_sum(x, s, dim=1)
        for i, j in T.Parallel(8, 64):
            x[i, j] = x[i, j] * W[j] - s[i]
        T.copy(x, Y[bx * 8, 0])
