// What the matrix-instruction lowerings of T.gemm share: ops/Gemm.cpp (mma.sync, and the
// choice between them and the scalar nest), ops/GemmWgmma.cpp (Hopper's wgmma) and
// ops/GemmMfma.cpp (AMD's MFMA on HIP).
#pragma once

#include "target/gpu/ops/Ops.h"

namespace tilec::gpu {

// Shared-memory address (indices) of op coordinates (c0, c1) of a gemm operand.
std::vector<ir::Expr> operandAddress(SimtLowering &cx, const ir::Region &r, ir::Expr c0, ir::Expr c1,
                                     const StageIndex &stages);
// How a block's warps (wavefronts, for MFMA) tile C: each owns wm x wn of it, in tilesM x tilesN
// instruction tiles of tileM x tileN (mma.sync m16n8: 16 x 8; MFMA: 16 x 16); kTotal is the
// gemm's K.
struct WarpTiling {
  int64_t wm, wn, tilesM, tilesN, kTotal;
};
WarpTiling warpTiling(const ir::Gemm &g, const Layout &l, int64_t tileM, int64_t tileN);
// The lane and the warp's (wavefront's) position in the block's warpsM x warpsN grid of a
// matrix-instruction gemm, with their ranges set.
struct WarpIds {
  ir::Var lane, m, n;
};
WarpIds warpIds(SimtLowering &cx, const Layout &l, int warpSize, const std::string &prefix);
// The gemm's per-thread program: the WarpIds bound from the thread index (warpsM-major), the
// accumulator cleared when the gemm asks, then `steps`; a warp dimension of one is substituted
// away, unused lets dropped.
SStmt warpProgram(SimtLowering &cx, const ir::Gemm &g, const Layout &l, int warpSize, const WarpIds &ids,
                  const SStmt &steps);
// `s` without the lets at its head that nothing in their bodies uses.
SStmt dropUnusedLets(const SStmt &s);
// T.gemm on warpgroups with wgmma.mma_async (sm_90a; its accumulator has the Wgmma layout `l`).
SStmt lowerWgmma(SimtLowering &cx, const ir::Gemm &g, const Layout &l, const StageIndex &stages);
// T.gemm on 64-lane wavefronts with MFMA 16x16x16 (its accumulator has the Mfma layout `l`).
SStmt lowerMfma(SimtLowering &cx, const ir::Gemm &g, const Layout &l, const StageIndex &stages);

} // namespace tilec::gpu
