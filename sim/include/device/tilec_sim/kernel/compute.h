// Compute kernel API (TRISC unpack/math/pack), both eras: 2025 (`namespace NAMESPACE { void MAIN }`,
// mm_init + 6-arg matmul_tiles, reduce_init<at_start,...>) and 2026 (`void kernel_main()`,
// compute_kernel_hw_startup + matmul_init + 5-arg matmul_tiles, reduce_init<pool, dim>).
// The simulator runs the body once and each call does the work of all three threads (see
// docs/SIMULATOR.md), so UNPACK(x)/MATH(x)/PACK(x) keep x exactly once.
#pragma once
#include "tilec_sim/kernel/common.h"
#include "tilec_sim/kernel/ops.h"

#define TILEC_SIM_COMPUTE_KERNEL 1  // headers shared with data-movement kernels declare the compute subset
#define NAMESPACE chlkc_sim
#define MAIN compute_main()
#define UNPACK(x) x
#define MATH(x) x
#define PACK(x) x
#ifndef APPROX
#define APPROX false
#endif
#ifndef DST_ACCUM_MODE
#define DST_ACCUM_MODE false
#endif
#ifndef MATH_FIDELITY
#define MATH_FIDELITY 4
#endif

namespace sim_ops = ::tilec::sim::ops;

namespace ckernel {
enum EltwiseBinaryType : int { ELWMUL = 0, ELWDIV = 1, ELWADD = 2, ELWSUB = 3, ELWLESS = 4 };
enum class BroadcastType : int { NONE = 0, COL = 1, ROW = 2, SCALAR = 3 };
enum PoolType : int { SUM = 0, AVG = 1, MAX = 2 };
enum ReduceDim : int { REDUCE_ROW = 0, REDUCE_COL = 1, REDUCE_SCALAR = 2 };
enum class EltwiseBinaryReuseDestType : int { NONE = 0, DEST_TO_SRCA = 1, DEST_TO_SRCB = 2 };
enum VectorMode : int { NONE_MODE = 0, R = 1, C = 2, RC = 4, RC_custom = 6, INVALID = 0xff };
enum class SrcOrder : int { Normal, Reverse };
}  // namespace ckernel
// tt::DstMode (acquire_dst/release_dst) comes from hostdevcommon/kernel_structs.h, as in the SDK.
using namespace ckernel;

#ifndef REDUCE_OP
#define REDUCE_OP PoolType::SUM
#endif
#ifndef REDUCE_DIM
#define REDUCE_DIM ReduceDim::REDUCE_ROW
#endif

// ---- DST locking ----
ALWI void tile_regs_acquire(TILEC_LOC_PARAMS) { sim_abi::dstAcquire(TILEC_LOC); }
ALWI void tile_regs_commit(TILEC_LOC_PARAMS) { sim_abi::dstCommit(TILEC_LOC); }
ALWI void tile_regs_wait(TILEC_LOC_PARAMS) { sim_abi::dstWait(TILEC_LOC); }
ALWI void tile_regs_release(TILEC_LOC_PARAMS) { sim_abi::dstRelease(TILEC_LOC); }
ALWI void acquire_dst(TILEC_LOC_PARAMS) {
  sim_abi::dstAcquire(TILEC_LOC);
  sim_abi::dstWait(TILEC_LOC);
}
#if TILEC_SIM_UNPINNED  // pre-2025 form
ALWI void acquire_dst(tt::DstMode, TILEC_LOC_PARAMS) {
  sim_abi::dstAcquire(TILEC_LOC);
  sim_abi::dstWait(TILEC_LOC);
}
#endif
ALWI void release_dst(TILEC_LOC_PARAMS) {
  sim_abi::dstCommit(TILEC_LOC);
  sim_abi::dstRelease(TILEC_LOC);
}
#if TILEC_SIM_UNPINNED  // pre-2025 form
ALWI void release_dst(tt::DstMode, TILEC_LOC_PARAMS) {
  sim_abi::dstCommit(TILEC_LOC);
  sim_abi::dstRelease(TILEC_LOC);
}
#endif

// ---- initialisation (state for checks and timing; numerics do not depend on it) ----
#define TILEC_INIT(family, a, b, c) sim_abi::computeInit(sim_ops::family, a, b, c, TILEC_LOC)
template <SrcOrder order = SrcOrder::Normal>
ALWI void compute_kernel_hw_startup(uint32_t icb0, uint32_t icb1, uint32_t ocb, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitHw, icb0, icb1, ocb);
}
template <SrcOrder order = SrcOrder::Normal>
ALWI void compute_kernel_hw_startup(uint32_t icb, uint32_t ocb, TILEC_LOC_PARAMS) { TILEC_INIT(kInitHw, icb, icb, ocb); }
#if TILEC_SIM_2025  // tt-metal v0.63 names (ttnn 0.81.1 renamed or removed them)
ALWI void binary_op_init_common(uint32_t icb0 TILEC_OLD_DEFAULT(0), uint32_t icb1 TILEC_OLD_DEFAULT(1), uint32_t ocb TILEC_OLD_DEFAULT(16), TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitBinary, icb0, icb1, ocb);
}
ALWI void unary_op_init_common(uint32_t icb TILEC_OLD_DEFAULT(0), uint32_t ocb TILEC_OLD_DEFAULT(16), TILEC_LOC_PARAMS) { TILEC_INIT(kInitCopy, icb, icb, ocb); }
ALWI void init_sfpu(uint32_t icb TILEC_OLD_DEFAULT(0), uint32_t ocb TILEC_OLD_DEFAULT(16), TILEC_LOC_PARAMS) { TILEC_INIT(kInitCopy, icb, icb, ocb); }
ALWI void add_tiles_init(uint32_t icb0 TILEC_OLD_DEFAULT(0), uint32_t icb1 TILEC_OLD_DEFAULT(1), bool acc = false, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitBinary, icb0, icb1, acc);
}
ALWI void sub_tiles_init(uint32_t icb0 TILEC_OLD_DEFAULT(0), uint32_t icb1 TILEC_OLD_DEFAULT(1), bool acc = false, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitBinary, icb0, icb1, acc);
}
#if TILEC_SIM_UNPINNED
ALWI void mul_tiles_init(uint32_t icb0 = 0, uint32_t icb1 = 1, uint32_t acc = 0, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitBinary, icb0, icb1, acc);
}
#else
ALWI void mul_tiles_init(uint32_t icb0, uint32_t icb1, TILEC_LOC_PARAMS) { TILEC_INIT(kInitBinary, icb0, icb1, 0); }
#endif
#endif
// 2026 names: <op>_init (<op>_tiles_init is gone in ttnn 0.81.1).
#if TILEC_SIM_2026
ALWI void add_init(uint32_t icb0, uint32_t icb1, bool acc = false, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitBinary, icb0, icb1, acc);
}
ALWI void sub_init(uint32_t icb0, uint32_t icb1, bool acc = false, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitBinary, icb0, icb1, acc);
}
ALWI void mul_init(uint32_t icb0, uint32_t icb1, bool acc = true, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitBinary, icb0, icb1, acc);
}
#endif
#if TILEC_SIM_UNPINNED  // older SDKs only
ALWI void add_tiles_init_nof(TILEC_LOC_PARAMS) { TILEC_INIT(kInitBinary, 0, 1, 0); }
ALWI void mul_tiles_init_f(TILEC_LOC_PARAMS) { TILEC_INIT(kInitBinary, 0, 1, 0); }
#endif
template <bool full_init, EltwiseBinaryType op>
ALWI void binary_tiles_init(uint32_t icb0, uint32_t icb1, bool acc = false, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitBinary, icb0, icb1, acc);
}
#if TILEC_SIM_2025
ALWI void mm_init(uint32_t in0 TILEC_OLD_DEFAULT(0), uint32_t in1 TILEC_OLD_DEFAULT(1), uint32_t out TILEC_OLD_DEFAULT(16), uint32_t transpose = 0, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitMatmul, in0, in1, out);
  TILEC_INIT(kInitMatmulTranspose, transpose, 0, 0);
}
ALWI void mm_init_short(uint32_t in0 TILEC_OLD_DEFAULT(0), uint32_t in1 TILEC_OLD_DEFAULT(1), uint32_t transpose = 0, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitMatmulTranspose, transpose, in0, in1);
}
ALWI void mm_init_short_with_dt(uint32_t in0, uint32_t in1, uint32_t old, uint32_t transpose = 0, TILEC_LOC_PARAMS) {
  (void)old;
  TILEC_INIT(kInitMatmulTranspose, transpose, in0, in1);
}
#endif
#if TILEC_SIM_2026
ALWI void matmul_init(uint32_t in0, uint32_t in1, uint32_t transpose = 0, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitMatmulTranspose, transpose, in0, in1);
}
#endif
#if TILEC_SIM_2025
ALWI void mm_block_init(uint32_t in0 TILEC_OLD_DEFAULT(0), uint32_t in1 TILEC_OLD_DEFAULT(1), uint32_t out TILEC_OLD_DEFAULT(16), uint32_t transpose = 0,
                        uint32_t ct = 1, uint32_t rt = 1, uint32_t kt = 1, TILEC_LOC_PARAMS) {
  (void)ct; (void)rt; (void)kt;
  TILEC_INIT(kInitMatmul, in0, in1, out);
  TILEC_INIT(kInitMatmulTranspose, transpose, 0, 0);
}
ALWI void mm_block_init_short(uint32_t in0 TILEC_OLD_DEFAULT(0), uint32_t in1 TILEC_OLD_DEFAULT(1), uint32_t transpose = 0, uint32_t ct = 1,
                              uint32_t rt = 1, uint32_t kt = 1, TILEC_LOC_PARAMS) {
  (void)ct; (void)rt; (void)kt;
  TILEC_INIT(kInitMatmulTranspose, transpose, in0, in1);
}
ALWI void mm_block_init_short_with_dt(uint32_t in0, uint32_t in1, uint32_t old, uint32_t transpose = 0,
                                      uint32_t ct = 1, uint32_t rt = 1, uint32_t kt = 1, TILEC_LOC_PARAMS) {
  (void)old; (void)ct; (void)rt; (void)kt;
  TILEC_INIT(kInitMatmulTranspose, transpose, in0, in1);
}
#endif
#if TILEC_SIM_2026
ALWI void matmul_block_init(uint32_t in0, uint32_t in1, uint32_t transpose = 0, uint32_t ct = 1, uint32_t rt = 1,
                            uint32_t kt = 1, TILEC_LOC_PARAMS) {
  (void)ct; (void)rt; (void)kt;
  TILEC_INIT(kInitMatmulTranspose, transpose, in0, in1);
}
#endif
#if TILEC_SIM_UNPINNED
ALWI void copy_tile_to_dst_init_short(uint32_t cb = 0, uint32_t transpose = 0, uint32_t t16 = 0, TILEC_LOC_PARAMS) {
  (void)t16;
  TILEC_INIT(kInitCopy, cb, transpose, 0);
}
#else
ALWI void copy_tile_to_dst_init_short(uint32_t cb, uint32_t transpose = 0, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitCopy, cb, transpose, 0);
}
#endif
ALWI void copy_tile_init(uint32_t cb TILEC_OLD_DEFAULT(0), TILEC_LOC_PARAMS) { TILEC_INIT(kInitCopy, cb, 0, 0); }
#if TILEC_SIM_2026
ALWI void copy_init(uint32_t cb TILEC_OLD_DEFAULT(0), TILEC_LOC_PARAMS) { TILEC_INIT(kInitCopy, cb, 0, 0); }
#endif
ALWI void copy_tile_to_dst_init_short_with_dt(uint32_t old, uint32_t cb, uint32_t transpose = 0, TILEC_LOC_PARAMS) {
  (void)old;
  TILEC_INIT(kInitCopy, cb, transpose, 0);
}
ALWI void reconfig_data_format(uint32_t a, uint32_t b, TILEC_LOC_PARAMS) { (void)a; (void)b; (void)tilec_site_; }
ALWI void reconfig_data_format(uint32_t a, uint32_t b, uint32_t c, uint32_t d, TILEC_LOC_PARAMS) {
  (void)a; (void)b; (void)c; (void)d; (void)tilec_site_;
}
ALWI void reconfig_data_format_srca(uint32_t a, uint32_t b = 0, TILEC_LOC_PARAMS) { (void)a; (void)b; (void)tilec_site_; }
ALWI void reconfig_data_format_srcb(uint32_t a, uint32_t b = 0, TILEC_LOC_PARAMS) { (void)a; (void)b; (void)tilec_site_; }
ALWI void pack_reconfig_data_format(uint32_t a, uint32_t b = 0, TILEC_LOC_PARAMS) { (void)a; (void)b; (void)tilec_site_; }
#if TILEC_SIM_UNPINNED
ALWI void pack_init(uint32_t ocb, TILEC_LOC_PARAMS) { TILEC_INIT(kInitPack, ocb, 0, 0); }
#endif
ALWI void pack_reconfig_l1_acc(uint32_t enable, TILEC_LOC_PARAMS) { sim_abi::packL1Accumulate(enable != 0, TILEC_LOC); }

// ---- copy / pack ----
ALWI void copy_tile(uint32_t cb, uint32_t tile, uint32_t dst, TILEC_LOC_PARAMS) {
  sim_abi::copyTile(cb, tile, dst, TILEC_LOC);
}
#if TILEC_SIM_2025
ALWI void copy_block_matmul_partials(uint32_t cb, uint32_t start_tile, uint32_t start_dst, uint32_t n,
                                     TILEC_LOC_PARAMS) {
  for (uint32_t i = 0; i < n; ++i) sim_abi::copyTile(cb, start_tile + i, start_dst + i, TILEC_LOC);
}
#endif
template <bool out_of_order_output = false>
ALWI void pack_tile(uint32_t dst, uint32_t cb, uint32_t out_index = 0, TILEC_LOC_PARAMS) {
  sim_abi::packTile(dst, cb, out_index, out_of_order_output, TILEC_LOC);
}
#if TILEC_SIM_UNPINNED
ALWI void pack_tile_block(uint32_t dst_start, uint32_t cb, uint32_t n, TILEC_LOC_PARAMS) {
  for (uint32_t i = 0; i < n; ++i) sim_abi::packTile(dst_start + i, cb, 0, false, TILEC_LOC);
}
ALWI void matmul_pack_tile(uint32_t dst, uint32_t cb, uint32_t n, TILEC_LOC_PARAMS) {
  for (uint32_t i = 0; i < n; ++i) sim_abi::packTile(dst + i, cb, 0, false, TILEC_LOC);
}
#endif

// ---- element-wise binary (FPU) ----
ALWI void add_tiles(uint32_t icb0, uint32_t icb1, uint32_t t0, uint32_t t1, uint32_t dst, TILEC_LOC_PARAMS) {
  sim_abi::binaryTiles(sim_ops::kAdd, sim_ops::kNone, icb0, icb1, t0, t1, dst, TILEC_LOC);
}
ALWI void sub_tiles(uint32_t icb0, uint32_t icb1, uint32_t t0, uint32_t t1, uint32_t dst, TILEC_LOC_PARAMS) {
  sim_abi::binaryTiles(sim_ops::kSub, sim_ops::kNone, icb0, icb1, t0, t1, dst, TILEC_LOC);
}
ALWI void mul_tiles(uint32_t icb0, uint32_t icb1, uint32_t t0, uint32_t t1, uint32_t dst, TILEC_LOC_PARAMS) {
  sim_abi::binaryTiles(sim_ops::kMul, sim_ops::kNone, icb0, icb1, t0, t1, dst, TILEC_LOC);
}
#if TILEC_SIM_2025
template <EltwiseBinaryType op = ELWADD, EltwiseBinaryReuseDestType reuse = EltwiseBinaryReuseDestType::NONE>
ALWI void binary_dest_reuse_tiles_init(uint32_t icb0, TILEC_LOC_PARAMS) { TILEC_INIT(kInitBinary, icb0, 0, 0); }
template <EltwiseBinaryType op = ELWADD, EltwiseBinaryReuseDestType reuse = EltwiseBinaryReuseDestType::NONE>
ALWI void binary_dest_reuse_tiles(uint32_t cb, uint32_t tile, uint32_t dst, TILEC_LOC_PARAMS) {
  sim_abi::binaryDestReuse(int(op), int(reuse), cb, tile, dst, TILEC_LOC);
}
#endif

// 2026 names of the dest-reuse pair: <op>_reuse_dest_init<reuse>(icb), <op>_reuse_dest_tiles<reuse>(cb, tile, dst)
#define TILEC_REUSE_DEST(name, op)                                                                            \
  template <EltwiseBinaryReuseDestType reuse>                                                                 \
  ALWI void name##_reuse_dest_init(uint32_t icb, TILEC_LOC_PARAMS) { TILEC_INIT(kInitBinary, icb, 0, 0); }    \
  template <EltwiseBinaryReuseDestType reuse>                                                                 \
  ALWI void name##_reuse_dest_tiles(uint32_t cb, uint32_t tile, uint32_t dst, TILEC_LOC_PARAMS) {             \
    sim_abi::binaryDestReuse(int(op), int(reuse), cb, tile, dst, TILEC_LOC);                                  \
  }
#if TILEC_SIM_2026
TILEC_REUSE_DEST(add, ELWADD)
TILEC_REUSE_DEST(sub, ELWSUB)
TILEC_REUSE_DEST(mul, ELWMUL)
#endif
#undef TILEC_REUSE_DEST

// ---- broadcast binary: operand B (icb1) is broadcast ----
#if TILEC_SIM_2025
template <EltwiseBinaryType op, BroadcastType dim>
ALWI void init_bcast(uint32_t icb0, uint32_t icb1, uint32_t ocb TILEC_OLD_DEFAULT(16), TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitBcast, icb0, icb1, ocb);
}
#endif
template <EltwiseBinaryType op, BroadcastType dim>
ALWI void any_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t t0, uint32_t t1, uint32_t dst, TILEC_LOC_PARAMS) {
  sim_abi::binaryTiles(int(op), int(dim), icb0, icb1, t0, t1, dst, TILEC_LOC);
}
#define TILEC_BCAST_TILES(name, op, dimname, dim)                                                             \
  ALWI void name##_tiles_bcast_##dimname(uint32_t icb0, uint32_t icb1, uint32_t t0, uint32_t t1, uint32_t dst,  \
                                         TILEC_LOC_PARAMS) {                                                  \
    sim_abi::binaryTiles(op, dim, icb0, icb1, t0, t1, dst, TILEC_LOC);                                        \
  }
#define TILEC_BCAST_INIT(fn)                                                                                  \
  ALWI void fn(uint32_t a, uint32_t b, TILEC_LOC_PARAMS) { TILEC_INIT(kInitBcast, a, b, 0); }
#define TILEC_BCAST_OP(name, op)                                                                              \
  template <BroadcastType dim>                                                                                \
  ALWI void name##_tiles_bcast(uint32_t icb0, uint32_t icb1, uint32_t t0, uint32_t t1, uint32_t dst,          \
                               TILEC_LOC_PARAMS) {                                                            \
    sim_abi::binaryTiles(op, int(dim), icb0, icb1, t0, t1, dst, TILEC_LOC);                                   \
  }                                                                                                           \
  TILEC_BCAST_TILES(name, op, cols, sim_ops::kCol)                                                            \
  TILEC_BCAST_TILES(name, op, scalar, sim_ops::kScalar)
TILEC_BCAST_OP(add, sim_ops::kAdd)
TILEC_BCAST_OP(sub, sim_ops::kSub)
TILEC_BCAST_OP(mul, sim_ops::kMul)
TILEC_BCAST_TILES(add, sim_ops::kAdd, rows, sim_ops::kRow)
TILEC_BCAST_TILES(mul, sim_ops::kMul, rows, sim_ops::kRow)
#if TILEC_SIM_2026  // tt-metal v0.63's bcast.h has no row-broadcast subtract by name
TILEC_BCAST_TILES(sub, sim_ops::kSub, rows, sim_ops::kRow)
#endif
#if TILEC_SIM_2025  // the short inits of tt-metal v0.63 (two of the scalar ones spelled with "tiles")
TILEC_BCAST_INIT(add_bcast_rows_init_short)
TILEC_BCAST_INIT(add_bcast_cols_init_short)
TILEC_BCAST_INIT(add_bcast_scalar_init_short)
TILEC_BCAST_INIT(mul_bcast_rows_init_short)
TILEC_BCAST_INIT(mul_bcast_cols_init_short)
TILEC_BCAST_INIT(mul_tiles_bcast_scalar_init_short)
TILEC_BCAST_INIT(sub_bcast_cols_init_short)
TILEC_BCAST_INIT(sub_tiles_bcast_scalar_init_short)
#endif
#if TILEC_SIM_UNPINNED  // older SDKs
TILEC_BCAST_INIT(sub_bcast_rows_init_short)
TILEC_BCAST_INIT(sub_bcast_scalar_init_short)
TILEC_BCAST_INIT(mul_bcast_scalar_init_short)
TILEC_BCAST_INIT(add_tiles_bcast_scalar_init_short)
#endif
#if TILEC_SIM_2026  // ttnn 0.81.1: <op>_bcast_<dim>_init
TILEC_BCAST_INIT(add_bcast_rows_init)
TILEC_BCAST_INIT(add_bcast_cols_init)
TILEC_BCAST_INIT(add_bcast_scalar_init)
TILEC_BCAST_INIT(sub_bcast_rows_init)
TILEC_BCAST_INIT(sub_bcast_cols_init)
TILEC_BCAST_INIT(sub_bcast_scalar_init)
TILEC_BCAST_INIT(mul_bcast_rows_init)
TILEC_BCAST_INIT(mul_bcast_cols_init)
TILEC_BCAST_INIT(mul_bcast_scalar_init)
#endif
#undef TILEC_BCAST_OP
#undef TILEC_BCAST_INIT
#undef TILEC_BCAST_TILES
#if TILEC_SIM_UNPINNED
template <EltwiseBinaryType op, BroadcastType dim>
ALWI void bcast_init(uint32_t icb0, uint32_t icb1, TILEC_LOC_PARAMS) { TILEC_INIT(kInitBcast, icb0, icb1, 0); }
#endif
// unary_bcast_init<dim>(icb, ocb) in v0.63; unary_bcast_init<dim>(icb) after the hw-startup split.
#if TILEC_SIM_2025
template <BroadcastType dim>
ALWI void unary_bcast_init(uint32_t icb, uint32_t ocb, TILEC_LOC_PARAMS) { TILEC_INIT(kInitBcast, icb, icb, ocb); }
#endif
#if TILEC_SIM_2026
template <BroadcastType dim>
ALWI void unary_bcast_init(uint32_t icb, TILEC_LOC_PARAMS) { TILEC_INIT(kInitBcast, icb, icb, 0); }
#endif
template <BroadcastType dim>
ALWI void unary_bcast(uint32_t icb, uint32_t tile, uint32_t dst, TILEC_LOC_PARAMS) {
  sim_abi::unaryBcast(int(dim), icb, tile, dst, TILEC_LOC);
}

// ---- matmul: 6 args (until Dec 2025) and 5 args (after); DST[dst] += A x B ----
#if TILEC_SIM_2025
ALWI void matmul_tiles(uint32_t in0, uint32_t in1, uint32_t t0, uint32_t t1, uint32_t dst, uint32_t transpose,
                       TILEC_LOC_PARAMS) {
  sim_abi::matmulTiles(in0, in1, t0, t1, dst, int(transpose), TILEC_LOC);
}
#endif
#if TILEC_SIM_2026
ALWI void matmul_tiles(uint32_t in0, uint32_t in1, uint32_t t0, uint32_t t1, uint32_t dst, TILEC_LOC_PARAMS) {
  sim_abi::matmulTiles(in0, in1, t0, t1, dst, -1, TILEC_LOC);  // -1: transpose as set by the init
}
#endif
// matmul_tile: the transitional name of late 2025 (after tt-metal v0.63.0, before matmul_tiles took 5
// arguments), used with matmul_init by the matmul examples of that time. Neither pinned release has
// it, so only unpinned programs see it.
#if TILEC_SIM_UNPINNED
ALWI void matmul_tile(uint32_t in0_cb_id, uint32_t in1_cb_id, uint32_t in0_tile_index, uint32_t in1_tile_index,
                      uint32_t dest_tile_index, const uint32_t transpose = 0, TILEC_LOC_PARAMS) {
  sim_abi::matmulTiles(in0_cb_id, in1_cb_id, in0_tile_index, in1_tile_index, dest_tile_index, int(transpose),
                       TILEC_LOC);
}
#endif
ALWI void matmul_block(uint32_t in0, uint32_t in1, uint32_t t0, uint32_t t1, uint32_t dst, uint32_t transpose,
                       uint32_t ct, uint32_t rt, uint32_t kt, TILEC_LOC_PARAMS) {
  sim_abi::matmulBlock(in0, in1, t0, t1, dst, int(transpose), ct, rt, kt, TILEC_LOC);
}

// ---- reduce: 2024 form reduce_init<at_start, pool, dim> and 2025+ form reduce_init<pool, dim, fp32> ----
#if TILEC_SIM_UNPINNED  // the 2024 form
template <bool at_start, PoolType pool = REDUCE_OP, ReduceDim dim = REDUCE_DIM>
ALWI void reduce_init(uint32_t icb, uint32_t icb_scaler, uint32_t ocb = 16, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitReduce, icb, icb_scaler, ocb);
}
#endif
template <PoolType pool = REDUCE_OP, ReduceDim dim = REDUCE_DIM, bool fp32 = false>
ALWI void reduce_init(uint32_t icb, uint32_t icb_scaler, uint32_t ocb TILEC_OLD_DEFAULT(16), TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitReduce, icb, icb_scaler, ocb);
}
#if TILEC_SIM_UNPINNED  // older SDKs: reduce_init_short, reduce_init_delta, reduce_revert_delta (removed in v0.60)
template <PoolType pool = REDUCE_OP, ReduceDim dim = REDUCE_DIM>
ALWI void reduce_init_short(uint32_t icb, uint32_t icb_scaler, uint32_t ocb = 16, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitReduce, icb, icb_scaler, ocb);
}
template <bool at_start, PoolType pool = REDUCE_OP, ReduceDim dim = REDUCE_DIM>
ALWI void reduce_init_delta(uint32_t ocb = 16, uint32_t icb0 = 0, uint32_t icb1 = 1, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitReduce, icb0, icb1, ocb);
}
template <auto... any>
ALWI void reduce_revert_delta(uint32_t ocb = 16, TILEC_LOC_PARAMS) { TILEC_INIT(kInitPack, ocb, 0, 0); }
#endif
#if TILEC_SIM_2026  // reduce_uninit(icb = 0) in ttnn 0.81.1; no parameter in tt-metal v0.63.0
template <auto... any>
ALWI void reduce_uninit(uint32_t icb = 0, TILEC_LOC_PARAMS) { TILEC_INIT(kInitPack, icb, 0, 0); }
#else
template <auto... any>
ALWI void reduce_uninit(TILEC_LOC_PARAMS) { TILEC_INIT(kInitPack, 0, 0, 0); }
#endif
template <PoolType pool = REDUCE_OP, ReduceDim dim = REDUCE_DIM, auto... any>
ALWI void reduce_tile(uint32_t icb, uint32_t icb_scaler, uint32_t t, uint32_t ts, uint32_t dst, TILEC_LOC_PARAMS) {
  sim_abi::reduceTile(int(pool), int(dim), icb, icb_scaler, t, ts, dst, TILEC_LOC);
}

// ---- transpose, tilize, untilize ----
#if TILEC_SIM_2025
ALWI void transpose_wh_init(uint32_t icb, uint32_t ocb TILEC_OLD_DEFAULT(16), TILEC_LOC_PARAMS) { TILEC_INIT(kInitTranspose, icb, 0, ocb); }
ALWI void transpose_wh_init_short(uint32_t icb, TILEC_LOC_PARAMS) { TILEC_INIT(kInitTranspose, icb, 0, 0); }
#endif
#if TILEC_SIM_2026
ALWI void transpose_init(uint32_t icb, TILEC_LOC_PARAMS) { TILEC_INIT(kInitTranspose, icb, 0, 0); }
#endif
#if TILEC_SIM_2025
ALWI void transpose_wh_tile(uint32_t icb, uint32_t t, uint32_t dst, TILEC_LOC_PARAMS) {
  sim_abi::transposeTile(icb, t, dst, TILEC_LOC);
}
#endif
#if TILEC_SIM_2026
ALWI void transpose_tile(uint32_t icb, uint32_t t, uint32_t dst, TILEC_LOC_PARAMS) {
  sim_abi::transposeTile(icb, t, dst, TILEC_LOC);
}
#endif
ALWI void tilize_init(uint32_t icb, uint32_t block, uint32_t ocb TILEC_OLD_DEFAULT(16), TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitTilize, icb, block, ocb);
}
#if TILEC_SIM_UNPINNED
ALWI void tilize_init_short(uint32_t icb, uint32_t block, uint32_t ocb = 16, TILEC_LOC_PARAMS) {
  TILEC_INIT(kInitTilize, icb, block, ocb);
}
#endif
ALWI void tilize_init_short_with_dt(uint32_t old, uint32_t icb, uint32_t block, uint32_t ocb, TILEC_LOC_PARAMS) {
  (void)old;
  TILEC_INIT(kInitTilize, icb, block, ocb);
}
ALWI void tilize_uninit(uint32_t icb TILEC_OLD_DEFAULT(0), uint32_t ocb TILEC_OLD_DEFAULT(16), TILEC_LOC_PARAMS) { TILEC_INIT(kInitPack, icb, 0, ocb); }
ALWI void tilize_block(uint32_t icb, uint32_t block, uint32_t ocb, uint32_t in_idx = 0, uint32_t out_idx = 0,
                       TILEC_LOC_PARAMS) {
  (void)in_idx; (void)out_idx;
  sim_abi::tilizeBlock(icb, block, ocb, TILEC_LOC);
}
#if TILEC_SIM_2025 && !TILEC_SIM_UNPINNED  // untilize_init(icb) in tt-metal v0.63.0
ALWI void untilize_init(uint32_t icb, TILEC_LOC_PARAMS) { TILEC_INIT(kInitUntilize, icb, 0, 16); }
#else
ALWI void untilize_init(uint32_t icb, uint32_t ocb = 16, TILEC_LOC_PARAMS) { TILEC_INIT(kInitUntilize, icb, 0, ocb); }
#endif
#if TILEC_SIM_UNPINNED
ALWI void untilize_init_short(uint32_t icb, TILEC_LOC_PARAMS) { TILEC_INIT(kInitUntilize, icb, 0, 0); }
#endif
ALWI void untilize_uninit(uint32_t icb TILEC_OLD_DEFAULT(0), TILEC_LOC_PARAMS) { TILEC_INIT(kInitPack, icb, 0, 0); }
template <auto... any>
ALWI void untilize_block(uint32_t icb, uint32_t block, uint32_t ocb, TILEC_LOC_PARAMS) {
  sim_abi::untilizeBlock(icb, block, ocb, TILEC_LOC);
}
template <auto... any>
ALWI void pack_untilize_init(uint32_t icb, uint32_t ocb, TILEC_LOC_PARAMS) { TILEC_INIT(kInitUntilize, icb, 0, ocb); }
template <auto... any>
ALWI void pack_untilize_uninit(uint32_t ocb TILEC_OLD_DEFAULT(16), TILEC_LOC_PARAMS) { TILEC_INIT(kInitPack, ocb, 0, 0); }
template <uint32_t block_ct_dim = 8, auto... any>
ALWI void pack_untilize_block(uint32_t icb, uint32_t block_rt_dim, uint32_t ocb, TILEC_LOC_PARAMS) {
  for (uint32_t r = 0; r < block_rt_dim; ++r) sim_abi::untilizeBlock(icb, block_ct_dim, ocb, TILEC_LOC);
}

// ---- SFPU unary (in place on DST) ----
#define TILEC_SFPU_INIT(name)                                                                                 \
  template <auto... any>                                                                                      \
  ALWI void name##_tile_init(TILEC_LOC_PARAMS) { TILEC_INIT(kInitSfpu, 0, 0, 0); }
#if TILEC_SIM_UNPINNED  // older SDKs took a vector mode; the pinned releases' SFPU ops take the DST index only
#define TILEC_SFPU_VECTOR_MODE , [[maybe_unused]] int vector_mode = (int)VectorMode::RC
#else
#define TILEC_SFPU_VECTOR_MODE
#endif
#define TILEC_SFPU_UNARY(name, op)                                                                            \
  TILEC_SFPU_INIT(name)                                                                                       \
  template <auto... any>                                                                                      \
  ALWI void name##_tile(uint32_t dst TILEC_SFPU_VECTOR_MODE, TILEC_LOC_PARAMS) {                             \
    sim_abi::sfpuUnary(sim_ops::op, dst, 0, TILEC_LOC);                                                       \
  }
#define TILEC_SFPU_PARAM(name, op)                                                                            \
  template <auto... any>                                                                                      \
  ALWI void name##_tile(uint32_t dst, uint32_t param, TILEC_LOC_PARAMS) {                                     \
    sim_abi::sfpuUnary(sim_ops::op, dst, param, TILEC_LOC);                                                   \
  }
TILEC_SFPU_UNARY(exp, kExp)
TILEC_SFPU_UNARY(exp2, kExp2)
TILEC_SFPU_UNARY(log, kLog)
TILEC_SFPU_UNARY(sqrt, kSqrt)
TILEC_SFPU_UNARY(rsqrt, kRsqrt)
TILEC_SFPU_UNARY(recip, kRecip)
TILEC_SFPU_UNARY(relu, kRelu)
TILEC_SFPU_UNARY(gelu, kGelu)
TILEC_SFPU_UNARY(sigmoid, kSigmoid)
TILEC_SFPU_UNARY(silu, kSilu)
TILEC_SFPU_UNARY(tanh, kTanh)
TILEC_SFPU_UNARY(abs, kAbs)
TILEC_SFPU_UNARY(sign, kSign)
TILEC_SFPU_UNARY(square, kSquare)
TILEC_SFPU_UNARY(negative, kNegative)
TILEC_SFPU_UNARY(sin, kSin)
TILEC_SFPU_UNARY(cos, kCos)
TILEC_SFPU_UNARY(erf, kErf)
#undef TILEC_SFPU_INIT
#define TILEC_SFPU_INIT(name)  // floor/ceil share rounding_op_tile_init in the releases
TILEC_SFPU_UNARY(floor, kFloor)
TILEC_SFPU_UNARY(ceil, kCeil)
#if TILEC_SIM_2025
TILEC_SFPU_UNARY(logical_not_unary, kLogicalNot)
#endif
#undef TILEC_SFPU_INIT
#define TILEC_SFPU_INIT(name)                                                                                 \
  template <auto... any>                                                                                      \
  ALWI void name##_tile_init(TILEC_LOC_PARAMS) { TILEC_INIT(kInitSfpu, 0, 0, 0); }
#if TILEC_SIM_UNPINNED
TILEC_SFPU_INIT(floor)
TILEC_SFPU_INIT(ceil)
#endif
TILEC_SFPU_UNARY(gtz, kGtz)
TILEC_SFPU_UNARY(ltz, kLtz)
TILEC_SFPU_UNARY(eqz, kEqz)
TILEC_SFPU_UNARY(nez, kNez)
TILEC_SFPU_UNARY(gez, kGez)
TILEC_SFPU_UNARY(lez, kLez)
TILEC_SFPU_INIT(relu_max)
TILEC_SFPU_INIT(relu_min)
TILEC_SFPU_INIT(leaky_relu)
TILEC_SFPU_INIT(power)
TILEC_SFPU_PARAM(relu_max, kReluMax)
TILEC_SFPU_PARAM(relu_min, kReluMin)
TILEC_SFPU_PARAM(leaky_relu, kLeakyRelu)
TILEC_SFPU_PARAM(power, kPower)
TILEC_SFPU_PARAM(add_unary, kAddScalar)
TILEC_SFPU_PARAM(sub_unary, kSubScalar)
TILEC_SFPU_PARAM(mul_unary, kMulScalar)
TILEC_SFPU_PARAM(div_unary, kDivScalar)
TILEC_SFPU_PARAM(rsub_unary, kRsubScalar)
TILEC_SFPU_INIT(fill)
TILEC_SFPU_INIT(binop_with_scalar)
template <auto... any>
ALWI void fill_tile(uint32_t dst, float value, TILEC_LOC_PARAMS) {
  sim_abi::sfpuUnary(sim_ops::kFill, dst, __builtin_bit_cast(uint32_t, value), TILEC_LOC);
}
template <auto... any>
ALWI void fill_tile_bitcast(uint32_t dst, uint32_t bits, TILEC_LOC_PARAMS) {
  sim_abi::sfpuUnary(sim_ops::kFill, dst, bits, TILEC_LOC);
}
#if TILEC_SIM_UNPINNED  // the 2-argument form (result in d0) is 2024's
#define TILEC_SFPU_BINARY_2024(name, op)                                                                      \
  template <auto... any>                                                                                      \
  ALWI void name##_tile(uint32_t d0, uint32_t d1, TILEC_LOC_PARAMS) {                                         \
    sim_abi::sfpuBinary(sim_ops::op, d0, d1, d0, TILEC_LOC);                                                  \
  }
#else
#define TILEC_SFPU_BINARY_2024(name, op)
#endif
#define TILEC_SFPU_BINARY(name, op)                                                                           \
  TILEC_SFPU_INIT(name)                                                                                       \
  TILEC_SFPU_BINARY_2024(name, op)                                                                            \
  template <auto... any>                                                                                      \
  ALWI void name##_tile(uint32_t d0, uint32_t d1, uint32_t out, TILEC_LOC_PARAMS) {                           \
    sim_abi::sfpuBinary(sim_ops::op, d0, d1, out, TILEC_LOC);                                                 \
  }
TILEC_SFPU_BINARY(add_binary, kBinAdd)
TILEC_SFPU_BINARY(sub_binary, kBinSub)
TILEC_SFPU_BINARY(mul_binary, kBinMul)
TILEC_SFPU_BINARY(div_binary, kBinDiv)
TILEC_SFPU_BINARY(rsub_binary, kBinRsub)
TILEC_SFPU_BINARY(power_binary, kBinPow)
TILEC_SFPU_BINARY(binary_max, kBinMax)
TILEC_SFPU_BINARY(binary_min, kBinMin)
#if TILEC_SIM_UNPINNED
TILEC_SFPU_INIT(eltwise_binary_sfpu)
#endif
