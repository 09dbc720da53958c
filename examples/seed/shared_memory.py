# The seed document's shared-memory example ("Memory Management: GPU Shared Memory"), completed
# into a runnable kernel: a cooperative load into a shared tile, a barrier, then use of the tile
# (here: scale it by 2 into the output).
# tilec: -D M=128 -D N=128
import tilelang.language as T

@T.prim_func
def use_shared_memory(global_mem: T.Buffer[(M, N), "float16"],
                      out: T.Buffer[(M, N), "float16"]):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        shared_tile = T.alloc_shared((32, 32), "float16")  # __shared__

        # Cooperative load
        for i, j in T.Parallel(32, 32):
            shared_tile[i, j] = global_mem[by * 32 + i, bx * 32 + j]

        # Synchronize before use
        T.syncthreads()

        # Use shared_tile...
        for i, j in T.Parallel(32, 32):
            out[by * 32 + i, bx * 32 + j] = shared_tile[i, j] * 2.0
