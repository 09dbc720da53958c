# Sweep kernels: reductions whose blocks need not divide the tensor, in the reduced dimension too.
# Each block of rows (columns) walks the column (row) blocks, accumulating with clear=False; the
# tiles past the tensor's edge hold zeros, as T.copy reads there.
# tilec: --call "row_stats(96, 160, 64, 64)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-2, -1])
def row_stats(M, N, block_M, block_N, dtype="bfloat16"):
    @T.prim_func
    def kernel(A: T.Tensor((M, N), dtype), Max: T.Tensor((M,), "float32"), Sum: T.Tensor((M,), "float32")):
        with T.Kernel(T.ceildiv(M, block_M), threads=128) as bx:
            a = T.alloc_shared((block_M, block_N), dtype)
            m = T.alloc_fragment((block_M,), "float32")
            s = T.alloc_fragment((block_M,), "float32")
            T.fill(m, -T.infinity("float32"))
            T.fill(s, 0)
            for k in T.Pipelined(T.ceildiv(N, block_N), num_stages=2):
                T.copy(A[bx * block_M, k * block_N], a)
                T.reduce_max(a, m, dim=1, clear=False)
                T.reduce_sum(a, s, dim=1, clear=False)
            T.copy(m, Max[bx * block_M])
            T.copy(s, Sum[bx * block_M])

    return kernel


@tilelang.jit(out_idx=[-1])
def col_sum(M, N, block_M, block_N, dtype="bfloat16"):
    @T.prim_func
    def kernel(A: T.Tensor((M, N), dtype), Sum: T.Tensor((N,), "float32")):
        with T.Kernel(T.ceildiv(N, block_N), threads=128) as bx:
            a = T.alloc_shared((block_M, block_N), dtype)
            s = T.alloc_fragment((block_N,), "float32")
            T.fill(s, 0)
            for k in T.Pipelined(T.ceildiv(M, block_M), num_stages=2):
                T.copy(A[k * block_M, bx * block_N], a)
                T.reduce_sum(a, s, dim=0, clear=False)
            T.copy(s, Sum[bx * block_N])

    return kernel
