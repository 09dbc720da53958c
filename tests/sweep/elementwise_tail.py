# Sweep kernel: an element-wise epilogue over (block_M, block_N) blocks that need not divide the
# tensor. The blocks move with T.copy, so the last row and column of blocks read zeros past the
# tensor's edge and drop their writes there; the body also broadcasts a bias row vector.
# tilec: --call "add_relu(96, 160, 64, 64)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def add_relu(M, N, block_M, block_N, dtype="bfloat16"):
    @T.prim_func
    def kernel(A: T.Tensor((M, N), dtype), B: T.Tensor((M, N), dtype), bias: T.Tensor((N,), dtype),
               C: T.Tensor((M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            a = T.alloc_shared((block_M, block_N), dtype)
            b = T.alloc_shared((block_M, block_N), dtype)
            v = T.alloc_shared((block_N,), dtype)
            c = T.alloc_fragment((block_M, block_N), "float32")
            T.copy(A[by * block_M, bx * block_N], a)
            T.copy(B[by * block_M, bx * block_N], b)
            T.copy(bias[bx * block_N], v)
            for i, j in T.Parallel(block_M, block_N):
                c[i, j] = T.max(a[i, j] * b[i, j] + v[j], 0.0)
            T.copy(c, C[by * block_M, bx * block_N])

    return kernel
