# GEMM at API level 2026: kernel_main, api/compute includes, hw startup in reverse source order,
# matmul_init + 5-argument matmul_tiles, TensorAccessor reads, MeshDevice host.
# RUN: %tilec compile %S/../../../examples/tenstorrent/gemm.py --target tt --tt-api 2026 -o %t
# RUN: FileCheck %s < %t/kernels/compute.cpp
# RUN: FileCheck %s --check-prefix=READER < %t/kernels/reader.cpp
# RUN: FileCheck %s --check-prefix=HOST < %t/host.cpp
# RUN: FileCheck %s --check-prefix=PLAN < %t/tt.plan.json

# CHECK: #include "api/compute/matmul.h"
# CHECK: void kernel_main() {
# CHECK: compute_kernel_hw_startup<SrcOrder::Reverse>(cb_A_shared, cb_B_shared, cb_C_local);
# CHECK: // C_local stays in DST for the whole K loop
# CHECK: tile_regs_acquire();
# CHECK: matmul_init(cb_A_shared, cb_B_shared, 0);
# CHECK: matmul_tiles(cb_A_shared, cb_B_shared, {{[^,]+}}, {{[^,]+}}, u);

# READER: constexpr auto A_args = TensorAccessorArgs<0>();
# READER: const auto A_dram = TensorAccessor(A_args, A_addr, 2048);
# READER: constexpr auto B_args = TensorAccessorArgs<A_args.next_compile_time_args_offset()>();
# READER: noc_async_read_page(

# HOST: distributed::MeshDevice::create_unit_mesh(0)
# HOST: TensorAccessorArgs(*A_buffer).append_to(reader_args);
# HOST: ComputeConfig{.math_fidelity = tt::tt_metal::MathFidelity::HiFi4, .fp32_dest_acc_en = true
# HOST: distributed::EnqueueMeshWorkload(cq, workload, false);

# PLAN-DAG: "schema": "tilec.tt.plan"
# PLAN-DAG: "chunk_k_tiles": 4
