# Below HiFi4 (per-tile matmuls unpack-bound) T.gemm uses matmul_block on two more paths:
# flash attention's Q.K^T (transpose_B, kt > 1) by columns of the DST chunk (ct_dim = 1, B's tile reused
# down the column) held column-major in DST and packed back in row-major order, and gemm.py's
# accumulator that stays in DST for the whole K loop (one rt x ct block).
# RUN: %tilec compile %S/../../../examples/tenstorrent/flash_attention.py --target tt --math-fidelity HiFi2 -o %t.fa
# RUN: FileCheck %s < %t.fa/kernels/compute.cpp
# RUN: %tilec compile %S/../../../examples/tenstorrent/gemm.py --target tt --math-fidelity HiFi2 -o %t.gemm
# RUN: FileCheck %s --check-prefix=GEMM < %t.gemm/kernels/compute.cpp

# CHECK: mm_block_init_short(cb_Q_shared, cb_K_shared, 1, 1, 2, 2);
# CHECK: for (uint32_t jc = 0; jc < 2; ++jc) {
# CHECK: matmul_block(cb_Q_shared, cb_K_shared, kk, jc * 2 + kk, jc * 2, 1, 1, 2, 2);
# CHECK: pack_tile((u % 2) * 2 + u / 2, cb_acc_s);
# CHECK-NOT: matmul_tiles(

# GEMM: // C_local stays in DST for the whole K loop
# GEMM: mm_block_init_short(cb_A_shared, cb_B_shared, 0, 2, 2, 4);
# GEMM: matmul_block(cb_A_shared, cb_B_shared, kk, kk * 2, 0, 0, 2, 2, 4);
# GEMM-NOT: matmul_tiles(
