# The seed's shared-memory example: cooperative load → copy, barrier kept, use → map.
# RUN: %tilec compile %s --emit ir | FileCheck %s
import tilelang.language as T

@T.prim_func
def use_shared_memory(global_mem: T.Buffer[(M, N), "float16"],
                      out: T.Buffer[(M, N), "float16"]):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        shared_tile = T.alloc_shared((32, 32), "float16")

        for i, j in T.Parallel(32, 32):
            shared_tile[i, j] = global_mem[by * 32 + i, bx * 32 + j]

        T.syncthreads()

        for i, j in T.Parallel(32, 32):
            out[by * 32 + i, bx * 32 + j] = shared_tile[i, j] * 2.0

# CHECK-LABEL: body:
# CHECK-NEXT: copy(global_mem[by * 32 +: 32, bx * 32 +: 32] -> shared_tile[0 +: 32, 0 +: 32])
# CHECK-NEXT: sync_threads()
# CHECK-NEXT: map(i, j) out[by * 32 +: 32, bx * 32 +: 32] = shared_tile[i, j] * 2.0
# CHECK-NOT: {{.}}
