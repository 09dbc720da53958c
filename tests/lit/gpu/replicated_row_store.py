# RUN: %tilec compile %s --target cuda -o %t
# RUN: FileCheck %s < %t/kernel.cu
# RUN: %tilec run %s --target gpu-interp | FileCheck %s --check-prefix=EXEC
# A row-vector nest driven by a replicated layout (`prev`, the rows of a 2x2-warp mma accumulator:
# each row is held by 4 lanes of a quad and by both warps along N) that writes a tile promoted to
# shared memory (`m`, also the row statistic of a differently laid out tile): one replica per row
# does the read-modify-write, or the replicas race on it (as flash attention's running max did).
# tilec: --call "rescale(32, 32)"
import tilelang
import tilelang.language as T

@tilelang.jit(out_idx=[-1])
def rescale(M, N, dtype="float16", accum_dtype="float"):
    @T.prim_func
    def main(A: T.Tensor((M, N), dtype), B: T.Tensor((N, N), dtype), C: T.Tensor((M, N), accum_dtype)):
        with T.Kernel(1, threads=128) as bx:
            A_s = T.alloc_shared((M, N), dtype)
            B_s = T.alloc_shared((N, N), dtype)
            acc = T.alloc_fragment((M, N), accum_dtype)
            acc2 = T.alloc_fragment((M, N), accum_dtype)
            m = T.alloc_fragment((M,), accum_dtype)
            prev = T.alloc_fragment((M,), accum_dtype)
            T.copy(A, A_s)
            T.copy(B, B_s)
            T.clear(acc)
            T.gemm(A_s, B_s, acc)
            T.fill(prev, 0.5)
            for i, j in T.Parallel(M, N):
                acc[i, j] *= prev[i]
            T.copy(A_s, acc2)
            T.reduce_max(acc2, m, dim=1)
            for i in T.Parallel(M):
                m[i] = T.max(m[i], prev[i])
            for i, j in T.Parallel(M, N):
                acc[i, j] -= m[i]
            T.copy(acc, C)
    return main
# CHECK: // element-wise m
# CHECK: if (tx % 4 == 0 && tx / 32 / 2 == 0) {
# CHECK-NEXT: const int i =
# CHECK-NEXT: m[i] = fmaxf(m[i], prev[r]);
# EXEC: C: {{.*}} ok
# EXEC-NEXT: PASS
