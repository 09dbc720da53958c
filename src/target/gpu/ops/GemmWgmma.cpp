// T.gemm on Hopper's warpgroup MMA (sm_90a): each warpgroup (128 threads) owns a wm x wn part of
// C (the Wgmma layout: m64 tiles of wn columns) and per 16-wide k step issues one
// wgmma.mma_async m64n{wn}k16 per m64 tile, reading A and B straight from shared memory through
// matrix descriptors (WgmmaTile.h: the tiles' swizzled layout, which swizzle-shared gives them).
//
// A fragment A (layout inference gave it the accumulator layout of an M x K wgmma result split
// like C: Layout::wgmma) is read from registers instead (the RS form): the thread's 8 elements of
// m64 tile mi and k step kk are registers mi * K / 2 + 8 kk .. + 7, exactly the A fragment
// wgmma expects (flash attention's P: the scores' accumulator converted in place, never stored).
//
// The op runs, for every thread of the block (the writers of shared A and B have fenced their
// writes for the async proxy: fence-async-proxy, FenceAsyncProxy.cpp):
//   wgmma.fence         the accumulator registers' earlier writes (the clear, the last op) are
//                       ordered before the asynchronous MMAs;
//   wgmma.mma_async     per k step and m64 tile;
//   commit_group, wait_group 0: the accumulators are complete and the shared tiles no longer
//                       read when the op ends, so the next op may read C and overwrite A and B.
#include "target/gpu/ops/GemmLowering.h"

#include <fmt/format.h>

namespace tilec::gpu {

using namespace ir;
using sx::i32;
using sx::plus;
using sx::times;

namespace {

WgmmaOperandLayout operandLayout(SimtLowering &cx, const Region &r, bool mnMajor) {
  std::optional<WgmmaTile> tile = wgmmaTileFor(staticShape(cx.simt(r.buffer)), r.buffer->dtype);
  if (!tile) // layout inference only chooses wgmma for tiles it can read
    fail(r.loc, "internal: wgmma operand '" + r.buffer->name + "' is not a tile wgmma reads");
  cx.kernel().wgmmaTiles.insert(cx.simt(r.buffer).get());
  return wgmmaOperandLayout(*tile, mnMajor);
}

SStmt sync(SWgmmaSync::What w, int pending = 0, Buffer acc = nullptr) {
  return std::make_shared<SWgmmaSync>(w, pending, std::move(acc));
}

} // namespace

SStmt lowerWgmma(SimtLowering &cx, const Gemm &g, const Layout &l, const StageIndex &stages) {
  cx.kernel().usesTensorCores = true;
  WarpTiling t = warpTiling(g, l, 64, 8);
  const Buffer &acc = cx.simt(g.c.buffer);
  WarpIds ids = warpIds(cx, l, 128, "group");
  Var kk = var("kk"), mi = var("mi");
  Expr k0 = times(kk, i32(16)), m0 = plus(times(ids.m, i32(t.wm)), times(mi, i32(64))), n0 = times(ids.n, i32(t.wn));
  // A is K-major as given (m, k), M-major transposed; B is N-major as given (k, n), K-major transposed.
  const Buffer &a = cx.simt(g.a.buffer);
  bool registerA = a->scope != Scope::Shared;
  WgmmaOperandLayout aLayout = registerA ? WgmmaOperandLayout{} : operandLayout(cx, g.a, g.transposeA),
                     bLayout = operandLayout(cx, g.b, !g.transposeB);
  std::vector<Expr> aStart = registerA     ? std::vector<Expr>{plus(times(mi, i32(t.kTotal / 2)), times(kk, i32(8)))}
                             : g.transposeA ? operandAddress(cx, g.a, k0, m0, stages)
                                            : operandAddress(cx, g.a, m0, k0, stages);
  std::vector<Expr> bStart = g.transposeB ? operandAddress(cx, g.b, n0, k0, stages) : operandAddress(cx, g.b, k0, n0, stages);
  SStmt mmas = sfor(kk, t.kTotal / 16, true,
                    sfor(mi, t.tilesM, true,
                         std::make_shared<SWgmma>(a, aStart, aLayout, cx.simt(g.b.buffer), bStart,
                                                  bLayout, static_cast<int>(t.wn), acc,
                                                  times(mi, i32(t.wn / 2)))));
  using W = SWgmmaSync::What;
  SStmt steps = sseq({sync(W::Fence), mmas, sync(W::Commit), sync(W::Wait, 0, acc)});
  return std::make_shared<SOp>(fmt::format("T.gemm {} x {} -> {}: wgmma m64n{}k16{} {}, {}x{} warpgroups of {}x{}",
                                           g.a.buffer->name, g.b.buffer->name, g.c.buffer->name, t.wn,
                                           registerA ? " (A from registers)" : "",
                                           g.a.buffer->dtype == DType::BFloat16 ? "bf16" : "f16", l.warpsM, l.warpsN,
                                           t.wm, t.wn),
                               warpProgram(cx, g, l, 128, ids, steps));
}

} // namespace tilec::gpu
