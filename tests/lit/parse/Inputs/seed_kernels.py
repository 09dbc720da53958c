# Every TileLang snippet of shared/seed/kernel_authoring_comparison.md, in document order.

import tilelang.language as T

@T.prim_func
def matmul(A: T.Buffer[(M, K), "float16"],
           B: T.Buffer[(K, N), "float16"],
           C: T.Buffer[(M, N), "float16"]):
    with T.Kernel(T.ceildiv(M, 32), T.ceildiv(N, 32)) as (bx, by):
        # Allocate shared memory tiles
        A_tile = T.alloc_shared((32, 32), "float16")
        B_tile = T.alloc_shared((32, 32), "float16")
        C_tile = T.alloc_local((32, 32), "float16")

        # Initialize accumulator
        for i, j in T.Parallel(32, 32):
            C_tile[i, j] = 0.0

        # K-loop: Accumulate partial products
        for k in T.Pipelined(T.ceildiv(K, 32)):
            # Load tiles from global memory
            for i, j in T.Parallel(32, 32):
                A_tile[i, j] = A[by * 32 + i, k * 32 + j]
                B_tile[i, j] = B[k * 32 + i, bx * 32 + j]

            # Compute: C_tile += A_tile @ B_tile
            for i, j, kk in T.Parallel(32, 32, 32):
                C_tile[i, j] += A_tile[i, kk] * B_tile[kk, j]

        # Write result back to global memory
        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = C_tile[i, j]

# Compile for CUDA
mod = tvm.IRModule.from_expr(matmul)
mod = tl.compilation.apply_default_schedule(mod, target="cuda")
cuda_code, runtime = tl.compilation.lower_and_build(mod, target="cuda")

import tilelang.tt as tt

# Compile for Tenstorrent
mod = tvm.IRModule.from_expr(matmul)
mod = tt.apply_tt_defaults(mod)      # Add default schedule/sharding
mod = tt.apply_tt_metadata_passes(mod)       # Lower to persistent + CBs + tensorization
artifacts = tt.emit_tt_artifacts(mod)  # Generate reader/compute/writer kernels

# Artifacts:
#   - reader.cc: Load A/B tiles from DRAM → L1 CBs
#   - compute.cc: matmul_tiles(cb_in0, cb_in1, cb_out)
#   - writer.cc: Write C tiles from L1 CB → DRAM
#   - host_stub.cc: Program, CBs, SetRuntimeArgs

@T.prim_func
def elementwise_add(A: T.Buffer[(M, N), "float16"],
                    B: T.Buffer[(M, N), "float16"],
                    C: T.Buffer[(M, N), "float16"]):
    with T.Kernel(T.ceildiv(M, 32), T.ceildiv(N, 32)) as (bx, by):
        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = \
                A[by * 32 + i, bx * 32 + j] + B[by * 32 + i, bx * 32 + j]

@T.prim_func
def reduce_sum(A: T.Buffer[(M, N), "float16"],
               B: T.Buffer[(M,), "float16"]):
    with T.Kernel(T.ceildiv(M, 32)) as bx:
        partial_sum = T.alloc_local((32,), "float32")

        # Initialize
        for i in T.Parallel(32):
            partial_sum[i] = 0.0

        # Reduce across columns
        for j in range(N):
            for i in T.Parallel(32):
                partial_sum[i] += A[bx * 32 + i, j]

        # Write result
        for i in T.Parallel(32):
            B[bx * 32 + i] = partial_sum[i]

@T.prim_func
def use_shared_memory(...):
    with T.Kernel(...) as (bx, by):
        shared_tile = T.alloc_shared((32, 32), "float16")  # __shared__

        # Cooperative load
        for i, j in T.Parallel(32, 32):
            shared_tile[i, j] = global_mem[...]

        # Synchronize before use
        T.syncthreads()

        # Use shared_tile...

@T.prim_func
def use_circular_buffers(...):
    with T.Kernel(...) as (bx, by):
        # T.copy automatically lowers to CBs
        for i, j in T.Parallel(32, 32):
            local_tile[i, j] = T.copy(global_mem[...])  # DRAM → CB → local

        # Compute uses tiles from CB
        ...

# GPU relies heavily on automatic scheduling
@T.prim_func
def kernel(...):
    with T.Kernel(grid_x, grid_y) as (bx, by):
        # TileLang/TVM handles thread mapping, shared memory allocation, etc.
        ...

import tilelang.tt as tt

@T.prim_func
def kernel(...):
    with T.Kernel(grid_x, grid_y) as (bx, by):
        ...

# Apply TT-specific annotations
mod = tvm.IRModule.from_expr(kernel)

# Option 1: Use defaults (contiguous, row-major)
mod = tt.apply_tt_defaults(mod)

# Option 2: Explicit scheduling
from tilelang.tt import annotate_tt_schedule, annotate_tt_sharding

@annotate_tt_schedule(policy="contiguous", order="row_major", chunk_k_tiles=4)
@annotate_tt_sharding({
    "A": {"layout": "row_major"},
    "B": {"layout": "column_major"}
})
@T.prim_func
def kernel_with_annotations(...):
    ...
