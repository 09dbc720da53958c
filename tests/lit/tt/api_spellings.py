# Spellings checked against tenstorrent/tt-metal (docs/TT_BACKEND.md "API audit"): the SFPU binary ops
# take (idst0, idst1, odst) at both levels, log/sigmoid/tanh live in the umbrella compute_kernel_api.h,
# 2026 renames the eltwise/bcast/copy/dest-reuse inits and takes unary_bcast_init(icb), and the host
# passes named vectors to the Enqueue*Write* calls (they take std::vector<T>&).
# RUN: %tilec compile %S/../../tt/kernels/unary_sfpu.py --target tt --tt-api 2025 -o %t25
# RUN: FileCheck %s --check-prefix=SFPU25 < %t25/kernels/compute.cpp
# RUN: %tilec compile %S/../../tt/kernels/unary_sfpu.py --target tt --tt-api 2026 -o %t26
# RUN: FileCheck %s --check-prefix=SFPU26 < %t26/kernels/compute.cpp
# RUN: %tilec compile %S/../../../examples/tenstorrent/softmax.py --target tt --tt-api 2026 -o %tsm
# RUN: FileCheck %s --check-prefix=SM26 < %tsm/kernels/compute.cpp
# RUN: FileCheck %s --check-prefix=HOST26 < %tsm/host.cpp
# RUN: %tilec compile %S/../../../examples/tenstorrent/softmax.py --target tt --tt-api 2025 -o %tsm25
# RUN: FileCheck %s --check-prefix=HOST25 < %tsm25/host.cpp

# SFPU25: #include "compute_kernel_api.h"
# SFPU25-NOT: eltwise_unary/sigmoid.h
# SFPU25-NOT: eltwise_unary/tanh.h
# SFPU25-NOT: eltwise_unary/log.h
# SFPU25: add_binary_tile(0, 1, 0);
# SFPU25: binary_dest_reuse_tiles_init<ELWADD, EltwiseBinaryReuseDestType::DEST_TO_SRCB>(

# SFPU26: #include "api/compute/compute_kernel_api.h"
# SFPU26-NOT: eltwise_unary/sigmoid.h
# SFPU26: add_binary_tile(0, 1, 0);
# SFPU26: add_reuse_dest_init<EltwiseBinaryReuseDestType::DEST_TO_SRCB>(
# SFPU26: add_reuse_dest_tiles<EltwiseBinaryReuseDestType::DEST_TO_SRCB>(

# SM26: sub_bcast_cols_init(cb_x, cb_row_max);
# SM26: unary_bcast_init<BroadcastType::COL>(cb_row_sum);
# SM26: div_binary_tile(u * 2, u * 2 + 1, u * 2);

# HOST26: std::vector<uint32_t> X_in = to_pages(tensors[0], X_layout);
# HOST26-NEXT: distributed::EnqueueWriteMeshBuffer(cq, X_buffer, X_in, false);
# HOST25: std::vector<uint32_t> X_in = to_pages(tensors[0], X_layout);
# HOST25-NEXT: EnqueueWriteBuffer(cq, X_buffer, X_in, false);

# The levels are pinned to real releases (tests/sdk compiles against them): the files say which, the
# 2025 host passes REDUCE_OP/REDUCE_DIM (v0.63's reduce.h needs them defined), reductions end with
# reduce_uninit() at both levels, and the 2026 host spells the core types in tt::tt_metal.
# RUN: FileCheck %s --check-prefix=PIN25 < %tsm25/host.cpp
# RUN: FileCheck %s --check-prefix=KERNEL25 < %tsm25/kernels/compute.cpp
# RUN: FileCheck %s --check-prefix=PIN26 < %tsm/host.cpp
# PIN25: (TT-Metalium API level 2025: tt-metal v0.63.0 / ttnn 0.63.0)
# PIN25: const CoreRange cores(
# PIN25: .defines = {{[{]}}{"REDUCE_OP", "PoolType::SUM"}, {"REDUCE_DIM", "ReduceDim::REDUCE_ROW"}
# KERNEL25: (TT-Metalium API level 2025: tt-metal v0.63.0 / ttnn 0.63.0)
# KERNEL25: reduce_uninit();
# KERNEL25-NOT: reduce_revert_delta
# PIN26: (TT-Metalium API level 2026: ttnn 0.81.1)
# PIN26: const tt::tt_metal::CoreRange cores(
# PIN26: .math_fidelity = tt::tt_metal::MathFidelity::
# PIN26-NOT: .defines
# PIN26: const tt::tt_metal::CoreCoord c{
