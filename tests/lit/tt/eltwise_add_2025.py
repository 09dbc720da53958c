# The seed's element-wise add at API level 2025: one add_tiles per tile, 2025 entry point and includes.
# RUN: %tilec compile %s --target tt -D M=64 -D N=64 -o %t && FileCheck %s < %t/kernels/compute.cpp
# RUN: FileCheck %s --check-prefix=READER < %t/kernels/reader.cpp
# RUN: FileCheck %s --check-prefix=HOST < %t/host.cpp
import tilelang.language as T

@T.prim_func
def elementwise_add(A: T.Buffer[(M, N), "bfloat16"], B: T.Buffer[(M, N), "bfloat16"],
                    C: T.Buffer[(M, N), "bfloat16"]):
    with T.Kernel(T.ceildiv(N, 32), T.ceildiv(M, 32)) as (bx, by):
        for i, j in T.Parallel(32, 32):
            C[by * 32 + i, bx * 32 + j] = A[by * 32 + i, bx * 32 + j] + B[by * 32 + i, bx * 32 + j]

# CHECK: #include "compute_kernel_api/eltwise_binary.h"
# CHECK: namespace NAMESPACE {
# CHECK-NEXT: void MAIN {
# CHECK: binary_op_init_common(cb_A_tile, cb_B_tile, cb_C_tile);
# CHECK-NEXT: add_tiles_init(cb_A_tile, cb_B_tile);
# CHECK: for (uint32_t i = 0; i < num_blocks; ++i) {
# CHECK-NOT: _init
# CHECK: cb_wait_front(cb_A_tile, 1);
# CHECK: tile_regs_acquire();
# CHECK-NEXT: add_tiles(cb_A_tile, cb_B_tile, 0, 0, 0);
# CHECK-NEXT: tile_regs_commit();
# CHECK-NEXT: tile_regs_wait();
# CHECK-NEXT: cb_reserve_back(cb_C_tile, 1);
# CHECK-NEXT: pack_tile(0, cb_C_tile);
# CHECK-NEXT: cb_push_back(cb_C_tile, 1);
# CHECK-NEXT: tile_regs_release();

# READER: #include "dataflow_api.h"
# READER: const InterleavedAddrGenFast<true> A_dram = {.bank_base_address = A_addr, .page_size = 2048, .data_format = DataFormat::Float16_b};
# READER: noc_async_read_page(by * 2 + bx, A_dram, A_tile_l1_addr);
# READER: noc_async_read_barrier();

# HOST: IDevice* device = CreateDevice(0);
# HOST: CreateKernel(program, "kernels/compute.cpp", cores,
# HOST: EnqueueProgram(cq, program, false);
