// T.gemm on the GPU. With an mma-layout accumulator (layout inference chose one: fp16/bf16
// operands in shared memory, shapes multiples of m16n8k16) each warp loads its A and B
// fragments with ldmatrix and runs mma.sync m16n8k16; with a wgmma-layout accumulator (sm_90a)
// each warpgroup runs wgmma.mma_async on descriptors of the shared tiles (ops/GemmWgmma.cpp); with an mfma-layout accumulator (HIP)
// each 64-lane wavefront loads its operands from shared memory and runs MFMA 16x16x16;
// otherwise the scalar nest C[i, j] += A[i, k] * B[k, j], one thread per element of C.
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

SStmt lowerMma(SimtLowering &cx, const Gemm &g, const Layout &l, const StageIndex &stages) {
  cx.kernel().usesTensorCores = true;
  WarpTiling t = warpTiling(g, l, 16, 8);
  Buffer aFrag = cx.newRegisters(g.a.buffer->name + "_frag", t.tilesM * 8, g.a.buffer->dtype);
  Buffer bFrag = cx.newRegisters(g.b.buffer->name + "_frag", t.tilesN * 4, g.b.buffer->dtype);
  const Buffer &acc = cx.simt(g.c.buffer);
  WarpIds ids = warpIds(cx, l, 32, "warp");
  const Var &lane = ids.lane, &warpM = ids.m, &warpN = ids.n;
  Var kk = var("kk"), mi = var("mi"), ni = var("ni");
  Expr k0 = times(kk, i32(16)), m0 = plus(times(warpM, i32(t.wm)), times(mi, i32(16))),
       n0 = plus(times(warpN, i32(t.wn)), times(ni, i32(8)));
  Expr lane16 = mod(lane, i32(16)), lane8 = mod(lane, i32(8)), half8 = times(div(lane, i32(16)), i32(8)),
       odd8 = times(mod(div(lane, i32(8)), i32(2)), i32(8));
  // ldmatrix row addresses: see docs/GPU_BACKEND.md for the fragment layouts they produce.
  std::vector<Expr> aAddr = g.transposeA
                                ? operandAddress(cx, g.a, plus(plus(k0, lane8), half8), plus(m0, odd8), stages)
                                : operandAddress(cx, g.a, plus(m0, lane16), plus(k0, half8), stages);
  // B: one ldmatrix.x4 covers two n8 tiles (lanes 16..31 address the second) when the warp has an
  // even number of them, else one .x2 per n8 tile.
  bool pairsB = t.tilesN % 2 == 0;
  Expr nB = pairsB ? plus(times(warpN, i32(t.wn)), times(ni, i32(16))) : n0;
  Expr secondTile = pairsB ? half8 : i32(0);
  std::vector<Expr> bAddr = g.transposeB
                                ? operandAddress(cx, g.b, plus(plus(nB, lane8), secondTile), plus(k0, odd8), stages)
                                : operandAddress(cx, g.b, plus(k0, lane16), plus(nB, secondTile), stages);
  SStmt loadA = sfor(mi, t.tilesM, true,
                     std::make_shared<SLdMatrix>(aFrag, times(mi, i32(8)), 4, g.transposeA, cx.simt(g.a.buffer), aAddr));
  SStmt loadB = sfor(ni, pairsB ? t.tilesN / 2 : t.tilesN, true,
                     std::make_shared<SLdMatrix>(bFrag, times(ni, i32(pairsB ? 8 : 4)), pairsB ? 4 : 2, !g.transposeB,
                                                 cx.simt(g.b.buffer), bAddr));
  SStmt mmas = sfor(mi, t.tilesM, true,
                    sfor(ni, t.tilesN, true,
                         std::make_shared<SMma>(aFrag, times(mi, i32(8)), bFrag, times(ni, i32(4)), acc,
                                                times(plus(times(mi, i32(t.tilesN)), ni), i32(4)))));
  SStmt steps = sfor(kk, t.kTotal / 16, true, sseq({loadA, loadB, mmas}));
  return std::make_shared<SOp>(fmt::format("T.gemm {} x {} -> {}: mma.sync m16n8k16, {}x{} warps of {}x{}",
                                           g.a.buffer->name, g.b.buffer->name, g.c.buffer->name, l.warpsM,
                                           l.warpsN, t.wm, t.wn),
                               warpProgram(cx, g, l, 32, ids, steps));
}

} // namespace

// Shared-memory address (indices) of op coordinates (c0, c1) of a gemm operand.
std::vector<Expr> operandAddress(SimtLowering &cx, const Region &r, Expr c0, Expr c1, const StageIndex &stages) {
  std::vector<Expr> idx = regionIndices(r, {std::move(c0), std::move(c1)});
  for (Expr &e : idx)
    e = cx.rewrite(e, Place{stages});
  return cx.sharedIndices(r.buffer, idx, stages);
}

SStmt dropUnusedLets(const SStmt &s) {
  auto *let = s->as<SLet>();
  if (!let)
    return s;
  SStmt body = dropUnusedLets(let->body);
  if (!usesVar(body, let->var.get()))
    return body;
  return std::make_shared<SLet>(let->var, let->value, body);
}

ParallelNest nestFromGemm(const Gemm &g) {
  MatrixView a = matrixView(g.a, "gemm A", g.loc), b = matrixView(g.b, "gemm B", g.loc),
             c = matrixView(g.c, "gemm C", g.loc);
  int64_t kExtent = g.transposeA ? a.rows : a.cols;
  ParallelNest n = boxNest({c.rows, c.cols}, "T.gemm " + g.a.buffer->name + " x " + g.b.buffer->name + " -> " +
                                                 g.c.buffer->name + " (scalar)");
  Var k = var("kk"); // `k` is often the user's K-loop variable
  Expr i = n.vars[0], j = n.vars[1];
  DType acc = g.c.buffer->dtype;
  Expr av = sx::cast(acc, load(g.a.buffer, g.transposeA ? matrixIndices(g.a, a, k, i) : matrixIndices(g.a, a, i, k)));
  Expr bv = sx::cast(acc, load(g.b.buffer, g.transposeB ? matrixIndices(g.b, b, j, k) : matrixIndices(g.b, b, k, j)));
  std::vector<Expr> cIdx = matrixIndices(g.c, c, i, j);
  Expr sum = binary(BinaryOp::Add, load(g.c.buffer, cIdx), binary(BinaryOp::Mul, av, bv));
  Stmt update = std::make_shared<Store>(g.c.buffer, cIdx, sum, g.loc);
  Stmt loop = std::make_shared<For>(k, intImm(0), intImm(kExtent), ForKind::Serial, update, g.loc);
  if (g.clearAccum)
    loop = seq({std::make_shared<Store>(g.c.buffer, cIdx, sx::cast(acc, floatImm(0)), g.loc), loop});
  n.body = loop;
  n.loc = g.loc;
  dropUnitLoops(n);
  markThreaded(n);
  return n;
}

SStmt lowerGemm(SimtLowering &cx, const Gemm &g, const StageIndex &stages) {
  LayoutPtr l = cx.layoutOf(g.c.buffer);
  bool operandsFit = l && tensorCoreDtypes(g) && cx.isShared(g.a.buffer) && cx.isShared(g.b.buffer);
  MatrixUnit unit = cx.options().matrixUnit;
  if (operandsFit && l->kind == Layout::Kind::Mma && (unit == MatrixUnit::MmaSync || unit == MatrixUnit::Wgmma))
    return lowerMma(cx, g, *l, stages);
  if (operandsFit && l->kind == Layout::Kind::Wgmma && unit == MatrixUnit::Wgmma)
    return lowerWgmma(cx, g, *l, stages);
  if (l && l->kind == Layout::Kind::Wgmma && unit == MatrixUnit::Wgmma && tensorCoreDtypes(g) &&
      cx.isShared(g.b.buffer))
    if (LayoutPtr a = cx.layoutOf(g.a.buffer), rs = wgmmaRegisterA(g, *l); a && rs && a->key() == rs->key())
      return lowerWgmma(cx, g, *l, stages); // A from registers (the RS form)
  if (operandsFit && l->kind == Layout::Kind::Mfma && cx.options().matrixUnit == MatrixUnit::Mfma)
    return lowerMfma(cx, g, *l, stages);
  return cx.lowerNest(nestFromGemm(g), stages);
}

// The accumulator's layout (mma or not) is inference's choice, made from the list of gemms.
void noteGemm(const Gemm &g, FragmentFacts &facts) {
  facts.gemms.push_back(&g);
  facts.addOperands(g);
}

WarpIds warpIds(SimtLowering &cx, const Layout &l, int warpSize, const std::string &prefix) {
  WarpIds ids{var("lane"), var(prefix + "_m"), var(prefix + "_n")};
  cx.setRange(ids.lane, Range{0, warpSize - 1});
  cx.setRange(ids.m, Range{0, l.warpsM - 1});
  cx.setRange(ids.n, Range{0, l.warpsN - 1});
  return ids;
}

SStmt warpProgram(SimtLowering &cx, const Gemm &g, const Layout &l, int warpSize, const WarpIds &ids,
                  const SStmt &steps) {
  const Buffer &acc = cx.simt(g.c.buffer);
  SStmt clear;
  if (g.clearAccum) {
    Var r = var("r");
    clear = sfor(r, l.regs(), true, sstore(acc, {r}, floatImm(0)));
  }
  const Var &tx = cx.tx();
  Expr warp = div(tx, i32(warpSize));
  SStmt body = std::make_shared<SLet>(
      ids.lane, mod(tx, i32(warpSize)),
      std::make_shared<SLet>(ids.m, mod(warp, i32(l.warpsM)),
                             std::make_shared<SLet>(ids.n, div(warp, i32(l.warpsM)), sseq({clear, steps}))));
  if (l.warpsN == 1)
    body = substituteS(body, {{ids.n.get(), i32(0)}});
  if (l.warpsM == 1)
    body = substituteS(body, {{ids.m.get(), i32(0)}});
  return dropUnusedLets(body);
}

WarpTiling warpTiling(const Gemm &g, const Layout &l, int64_t tileM, int64_t tileN) {
  int64_t wm = l.rows / l.warpsM, wn = l.cols / l.warpsN;
  std::vector<int64_t> aShape = opShape(g.a);
  return {wm, wn, wm / tileM, wn / tileN, g.transposeA ? aShape[0] : aShape[1]};
}

} // namespace tilec::gpu
