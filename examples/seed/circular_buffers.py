# The seed document's circular-buffer example ("Memory Management: Tenstorrent"), completed into
# a runnable kernel: `T.copy` of one element inside a T.Parallel nest moves a tile DRAM → L1, and
# compute uses it (here: negate it into the output).
# tilec: -D M=128 -D N=64
import tilelang.language as T

@T.prim_func
def use_circular_buffers(global_mem: T.Buffer[(M, N), "bfloat16"],
                         out: T.Buffer[(M, N), "bfloat16"]):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        local_tile = T.alloc_shared((32, 32), "bfloat16")
        # T.copy automatically lowers to CBs
        for i, j in T.Parallel(32, 32):
            local_tile[i, j] = T.copy(global_mem[by * 32 + i, bx * 32 + j])  # DRAM → CB → local

        # Compute uses tiles from CB
        for i, j in T.Parallel(32, 32):
            out[by * 32 + i, bx * 32 + j] = -local_tile[i, j]
