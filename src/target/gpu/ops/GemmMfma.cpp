// T.gemm on AMD's matrix cores (HIP, gfx90a / gfx942): each 64-lane wavefront owns a wm x wn
// part of C in 16x16 tiles (the Mfma layout), and per 16-wide k step loads its lanes' operand
// elements from shared memory and runs one v_mfma_f32_16x16x16 (f16, or bf16_1k) per tile.
#include "target/gpu/ops/GemmLowering.h"

#include <fmt/format.h>

namespace tilec::gpu {

using namespace ir;
using sx::div;
using sx::i32;
using sx::mod;
using sx::plus;
using sx::times;

namespace {

// The 4 operand elements a lane holds for one 16x16x16 step: rows (of A; columns of B) `rc`,
// k .. k+3. When they are contiguous in shared memory (k is the tile's inner dimension:
// (rc, k) addresses the tile) they move as one 8-byte access, else ((k, rc) addresses it) one
// element at a time.
SStmt loadMfmaOperand(SimtLowering &cx, const Region &r, bool kInner, const Expr &rc, const Expr &k, const Buffer &frag,
                      const Expr &fragOffset, const StageIndex &stages) {
  const Buffer &src = cx.simt(r.buffer);
  if (kInner)
    return std::make_shared<SVecCopy>(frag, std::vector<Expr>{fragOffset}, src,
                                      operandAddress(cx, r, rc, k, stages), 4);
  std::vector<SStmt> loads;
  for (int v = 0; v < 4; ++v)
    loads.push_back(sstore(frag, {plus(fragOffset, i32(v))}, sx::ld(src, operandAddress(cx, r, plus(k, i32(v)), rc, stages))));
  return sseq(loads);
}

} // namespace

SStmt lowerMfma(SimtLowering &cx, const Gemm &g, const Layout &l, const StageIndex &stages) {
  cx.kernel().usesTensorCores = true;
  WarpTiling t = warpTiling(g, l, 16, 16);
  Buffer aFrag = cx.newRegisters(g.a.buffer->name + "_frag", t.tilesM * 4, g.a.buffer->dtype);
  Buffer bFrag = cx.newRegisters(g.b.buffer->name + "_frag", t.tilesN * 4, g.b.buffer->dtype);
  const Buffer &acc = cx.simt(g.c.buffer);
  WarpIds ids = warpIds(cx, l, 64, "wave");
  const Var &lane = ids.lane, &waveM = ids.m, &waveN = ids.n;
  Var kk = var("kk"), mi = var("mi"), ni = var("ni");
  Expr k = plus(times(kk, i32(16)), times(div(lane, i32(16)), i32(4))), lane16 = mod(lane, i32(16));
  Expr row = plus(plus(times(waveM, i32(t.wm)), times(mi, i32(16))), lane16);
  Expr col = plus(plus(times(waveN, i32(t.wn)), times(ni, i32(16))), lane16);
  // A is (m, k) unless transposed, B is (k, n) unless transposed: k is inner for A and for B^T.
  SStmt loadA = sfor(mi, t.tilesM, true, loadMfmaOperand(cx, g.a, !g.transposeA, row, k, aFrag, times(mi, i32(4)), stages));
  SStmt loadB = sfor(ni, t.tilesN, true, loadMfmaOperand(cx, g.b, g.transposeB, col, k, bFrag, times(ni, i32(4)), stages));
  SStmt mfmas = sfor(mi, t.tilesM, true,
                     sfor(ni, t.tilesN, true,
                          std::make_shared<SMfma>(aFrag, times(mi, i32(4)), bFrag, times(ni, i32(4)), acc,
                                                  times(plus(times(mi, i32(t.tilesN)), ni), i32(4)))));
  SStmt steps = sfor(kk, t.kTotal / 16, true, sseq({loadA, loadB, mfmas}));
  return std::make_shared<SOp>(fmt::format("T.gemm {} x {} -> {}: mfma 16x16x16 {}, {}x{} wavefronts of {}x{}",
                                           g.a.buffer->name, g.b.buffer->name, g.c.buffer->name,
                                           g.a.buffer->dtype == DType::BFloat16 ? "bf16" : "f16", l.warpsM, l.warpsN,
                                           t.wm, t.wn),
                               warpProgram(cx, g, l, 64, ids, steps));
}

} // namespace tilec::gpu
