# Hygiene: names that are CUDA builtins, TT-Metalium SDK names, or the names tilec's own generated
# code uses. Tensors `tt`, `noc`, `threadIdx`; a runtime size "get_arg_val"; tiles `cb_wait_front`,
# `blockIdx`, `A_addr`-style clashes (`tt_addr` next to the tensor `tt`'s address argument);
# block indices `i` and `pos` (the persistent loop's own locals); loop variables `grid_x`,
# `first_block`, `smem`, `tx`, `k`.
# tilec: --call "sdk_gemm(64, 64)" -D get_arg_val=64
import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def sdk_gemm(N, K, block=32, dtype="bfloat16", accum_dtype="float32"):
    get_arg_val = T.dynamic("get_arg_val")

    @T.prim_func
    def main(tt: T.Tensor((get_arg_val, K), dtype), noc: T.Tensor((K, N), dtype),
             threadIdx: T.Tensor((get_arg_val, N), dtype)):
        with T.Kernel(T.ceildiv(N, block), T.ceildiv(get_arg_val, block), threads=128) as (i, pos):
            cb_wait_front = T.alloc_shared((block, block), dtype)
            blockIdx = T.alloc_shared((block, block), dtype)
            tt_addr = T.alloc_fragment((block, block), accum_dtype)
            T.clear(tt_addr)
            for grid_x in T.Pipelined(T.ceildiv(K, block), num_stages=2):
                T.copy(tt[pos * block, grid_x * block], cb_wait_front)
                T.copy(noc[grid_x * block, i * block], blockIdx)
                T.gemm(cb_wait_front, blockIdx, tt_addr)
            for first_block, smem in T.Parallel(block, block):
                tt_addr[first_block, smem] = T.max(tt_addr[first_block, smem], 0)
            T.copy(tt_addr, threadIdx[pos * block, i * block])

    return main
