# T.Pipelined runs a copy stages ahead wherever it sits in the body (PipelinedLoop.cpp), as long
# as nothing earlier in the iteration touches its destination, the loop does not write its source
# and its bounds load nothing: A_s (leading) and B_s (after a nest) get two stage buffers and are
# issued one iteration ahead; C_s (a nest writes it before its copy) and, with indexed=True, E_s
# (its row comes from idx[k]) are copied in the iteration. gpu-interp and cuda-host agree with the
# reference either way.
# RUN: %tilec compile %s --call "sums(64, 128, 32, 32)" --target cuda -o %t
# RUN: FileCheck %s < %t/kernel.cu
# RUN: %tilec run %s --call "sums(64, 128, 32, 32)" --target gpu-interp | FileCheck %s --check-prefix=EXEC
# RUN: %tilec run %s --call "sums(64, 128, 32, 32)" --target cuda-host | FileCheck %s --check-prefix=EXEC
# RUN: %tilec compile %s --call "sums(64, 128, 32, 32, indexed=True)" --target cuda -o %t.idx
# RUN: FileCheck %s --check-prefix=IDX < %t.idx/kernel.cu
# CHECK-DAG: half A_s[2][32][32];
# CHECK-DAG: half B_s[2][32][32];
# CHECK-DAG: half C_s[32][32];
# CHECK: for (int k_iter = 0; k_iter < 4; ++k_iter) {
# CHECK: &B_s[(k_iter + 1) % 2]
# CHECK: cp_async_wait<1>();
# EXEC: PASS
# IDX-DAG: half A_s[2][32][32];
# IDX-DAG: half B_s[2][32][32];
# IDX-DAG: half E_s[32][32];
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def sums(M, K, bm, bk, indexed=False, dtype="float16"):

    @T.prim_func
    def main(A: T.Tensor((M, K), dtype), B: T.Tensor((M, K), dtype), D: T.Tensor((M, K), dtype),
             idx: T.Tensor((K // bk,), "int32"), O: T.Tensor((M, bk), "float32")):
        with T.Kernel(T.ceildiv(M, bm), threads=128) as by:
            A_s = T.alloc_shared((bm, bk), dtype)
            B_s = T.alloc_shared((bm, bk), dtype)
            C_s = T.alloc_shared((bm, bk), dtype)
            E_s = T.alloc_shared((bm, bk), dtype)
            acc = T.alloc_fragment((bm, bk), "float32")
            T.clear(acc)
            for k in T.Pipelined(K // bk, num_stages=2):
                T.copy(A[by * bm, k * bk], A_s)
                for i, j in T.Parallel(bm, bk):
                    acc[i, j] += A_s[i, j]
                T.copy(B[by * bm, k * bk], B_s)
                for i, j in T.Parallel(bm, bk):
                    acc[i, j] += B_s[i, j]
                for i, j in T.Parallel(bm, bk):
                    C_s[i, j] = T.cast(acc[i, j] * 0.5, dtype)
                T.copy(D[by * bm, k * bk], C_s)
                for i, j in T.Parallel(bm, bk):
                    acc[i, j] += C_s[i, j]
                if indexed:
                    T.copy(D[idx[k] % (M // bm) * bm, k * bk], E_s)
                    for i, j in T.Parallel(bm, bk):
                        acc[i, j] += E_s[i, j]
            T.copy(acc, O[by * bm, 0])

    return main
