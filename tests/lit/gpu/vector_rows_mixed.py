# RUN: %tilec run %s --call "rows(20, 128, 8)" --target gpu-interp --report-global | FileCheck %s --check-prefix=V16
# RUN: %tilec run %s --call "rows(20, 128, 8)" --target cuda-host | FileCheck %s --check-prefix=EXEC
# RUN: %tilec run %s --call "rows(24, 128, 8, 'bfloat16')" --target gpu-interp --report-global | FileCheck %s --check-prefix=V16
# RUN: %tilec run %s --call "rows(24, 128, 8, 'float32')" --target gpu-interp --report-global | FileCheck %s --check-prefix=V16
# RUN: %tilec run %s --call "rows(40, 96, 16)" --target gpu-interp --report-global | FileCheck %s --check-prefix=V8
# RUN: %tilec run %s --call "rows(40, 96, 16)" --target cuda-host | FileCheck %s --check-prefix=EXEC
# RUN: %tilec run %s --call "rows(20, 96, 8)" --target gpu-interp --report-global | FileCheck %s --check-prefix=V4
# RUN: %tilec run %s --call "rows(24, 128, 8, 'float32', 2)" --target gpu-interp --report-global | FileCheck %s --check-prefix=OFFSET
# RUN: %tilec run %s --call "rows(24, 128, 8, 'float32', 2)" --target cuda-host | FileCheck %s --check-prefix=EXEC
# RUN: %tilec run %s --call "rows(20, 100, 8)" --target gpu-interp --report-global | FileCheck %s --check-prefix=SCALAR
# RUN: %tilec run %s --call "rows(20, 100, 8)" --target cuda-host | FileCheck %s --check-prefix=EXEC
# RUN: %tilec compile %s --call "rows(20, 128, 8)" --target cuda -o %t
# RUN: FileCheck %s --check-prefix=CUDA < %t/kernel.cu
# Mixed dtypes: fp16 (bf16, fp32) tensors, an fp32 fragment x and a 16-bit fragment y sharing one
# layout. The run length is 16 bytes of the narrowest element the nests move (8 for 16-bit
# tensors, even though x holds fp32), shortened while it would leave threads idle: 96 columns in
# 8 rows keep runs of 2 (4-byte lanes) so that 128 threads still hold rows, 16 rows allow 4
# (8-byte lanes); 100 columns stay scalar (runs of 4 would leave one lane a row, 25 runs). The
# broadcast read of G[j] by every row's lanes is counted once per address (100% coalesced).
# Reading X from column 2 of rows of 130 fp32 (col0=2) proves only 8-byte alignment: runs of 2
# (a 16-byte access there is an alignment error on gpu-interp, a fault on a GPU).
# Every case matches the reference interpreter.
# V16-DAG: vector load X: 16-byte lanes, 100% coalesced
# V16-DAG: vector load G: 16-byte lanes, 100% coalesced
# V16-DAG: vector store Y: 16-byte lanes, 100% coalesced
# V16: PASS
# V8-DAG: vector load X: 8-byte lanes, 100% coalesced
# V8-DAG: vector store Y: 8-byte lanes, 100% coalesced
# V8: PASS
# V4-DAG: vector load X: 4-byte lanes, 100% coalesced
# V4-DAG: vector store Y: 4-byte lanes, 100% coalesced
# V4: PASS
# OFFSET-DAG: vector load X: 8-byte lanes, 91% coalesced
# OFFSET-DAG: vector store Y: 8-byte lanes, 100% coalesced
# OFFSET: PASS
# SCALAR-DAG: load X: 2-byte lanes
# SCALAR-DAG: store Y: 2-byte lanes
# SCALAR: PASS
# EXEC: PASS
# CUDA: alignas(16) half X_v[8];
# CUDA: const int i = tx / 16;
# CUDA-NEXT: if (bx * 8 + i < 20) {
# CUDA: *reinterpret_cast<uint4 *>(&X_v[0]) = *reinterpret_cast<const uint4 *>(&X[
# CUDA: x[r] = float(X_v[l]);
# CUDA: } else {
# CUDA: *reinterpret_cast<uint4 *>(&Y[{{.*}}]) = *reinterpret_cast<const uint4 *>(&Y_v[0]);
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def rows(M, N, block_M, dtype="float16", col0=0):

    @T.prim_func
    def main(X: T.Tensor((M, N + col0), dtype), G: T.Tensor((N,), dtype), Y: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
            x = T.alloc_fragment((block_M, N), "float32")
            y = T.alloc_fragment((block_M, N), dtype)
            mx = T.alloc_fragment((block_M,), "float32")
            T.copy(X[bx * block_M, col0], x)
            T.reduce_max(x, mx, dim=1)
            for i, j in T.Parallel(block_M, N):
                y[i, j] = T.cast(x[i, j] - mx[i], dtype) * G[j]
            T.copy(y, Y[bx * block_M, 0])

    return main
