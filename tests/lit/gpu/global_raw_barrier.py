# One thread stores Y[i, j] (row-group layout, 16-byte runs) and, in the next nest, another thread
# of the same block loads it (transposed mapping): insert-barriers orders global tensors a kernel
# both writes and reads like shared tiles, so a __syncthreads() separates them (without it a GPU
# may read stale Y; gpu-interp runs a block in lockstep and could not tell).
# RUN: %tilec compile %s --call "rows(16, 128, 8)" --target cuda -o %t
# RUN: FileCheck %s < %t/kernel.cu
# RUN: %tilec run %s --call "rows(16, 128, 8)" --target cuda-host | FileCheck %s --check-prefix=EXEC
# CHECK: reinterpret_cast<uint4 *>(&Y[
# CHECK-NEXT: }
# CHECK-NEXT: __syncthreads();
# CHECK: = Y[
# EXEC: PASS
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-2, -1])
def rows(M, N, block_M, dtype="float16"):

    @T.prim_func
    def main(X: T.Tensor((M, N), dtype), Y: T.Tensor((M, N), dtype), Z: T.Tensor((N, M), dtype)):
        with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
            x = T.alloc_fragment((block_M, N), "float32")
            mx = T.alloc_fragment((block_M,), "float32")
            T.copy(X[bx * block_M, 0], x)
            T.reduce_max(x, mx, dim=1)
            for i, j in T.Parallel(block_M, N):
                Y[bx * block_M + i, j] = T.cast(x[i, j] - mx[i], dtype)
            for j, i in T.Parallel(N, block_M):
                Z[j, bx * block_M + i] = Y[bx * block_M + i, j]

    return main
