# Hygiene: a batched GEMM whose three block indices are named like the locals of tilec's own
# persistent loop on Tenstorrent (`pos`, `i`, `grid_z`). Every schedule must bind the kernel's
# indices, whatever their names: block_linear's loop over the third grid dimension once declared a
# literal `bz`, so a third index not called `bz` was undeclared.
# tilec: --call "bmm_names(2, 64, 64, 64)"
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def bmm_names(batch, M, N, K, block=32, dtype="bfloat16", accum_dtype="float32"):

    @T.prim_func
    def main(A: T.Tensor((batch, M, K), dtype), B: T.Tensor((batch, K, N), dtype),
             C: T.Tensor((batch, M, N), dtype)):
        with T.Kernel(T.ceildiv(N, block), T.ceildiv(M, block), batch, threads=128) as (pos, i, grid_z):
            A_shared = T.alloc_shared((block, block), dtype)
            B_shared = T.alloc_shared((block, block), dtype)
            C_local = T.alloc_fragment((block, block), accum_dtype)
            T.clear(C_local)
            for k in T.Pipelined(T.ceildiv(K, block), num_stages=2):
                T.copy(A[grid_z, i * block, k * block], A_shared)
                T.copy(B[grid_z, k * block, pos * block], B_shared)
                T.gemm(A_shared, B_shared, C_local)
            T.copy(C_local, C[grid_z, i * block, pos * block])

    return main
