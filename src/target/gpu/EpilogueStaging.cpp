// The staged epilogue (EpilogueDecision.cpp says when): T.copy(fragment -> global) as
//
//   for each slab of rows (one pass when the whole tile fits; slab s holds the 8-row groups g
//   with g % slabs == s, so that every warp has registers in every slab: an m16 tile's two
//   8-row halves are its registers' `/ 2 % 2` bit, whatever the warp):
//     Op 1: every thread stores its fragment registers whose row lies in the slab into the
//           staging tile, converted to the output dtype (8-byte pairs for fp32, else one element);
//     Op 2: the slab read back in 16-byte vectors, spread over the threads row by row, and
//           stored to global memory with 16-byte stores (a vector the ranges do not prove inside
//           the tensor is guarded as a whole: with aligned rows it is wholly in or out; rows
//           not provably aligned are checked at run time, and when they are not, the slab
//           takes the scalar tail: one guarded element a thread and step).
//
// insert-barriers puts the barrier between Op 1 and Op 2 (read after write) and, from the second
// slab on, before Op 1 (its writes meet the previous slab's reads).
#include "target/gpu/Epilogue.h"

#include <fmt/format.h>

namespace tilec::gpu {

using namespace ir;
using sx::i32;
using sx::plus;
using sx::times;

namespace {

constexpr int64_t kGroup = 8; // rows interleaved between slabs in groups of 8

// The staging row of tile row `row` (slab(row) == `slab`), and the tile row of staging row `i`.
Expr stagingRow(const Expr &row, int64_t slabs) {
  return plus(times(sx::div(row, i32(kGroup * slabs)), i32(kGroup)), sx::mod(row, i32(kGroup)));
}
Expr tileRow(const Expr &i, const Expr &slab, int64_t slabs) {
  return plus(plus(times(sx::div(i, i32(kGroup)), i32(kGroup * slabs)), times(slab, i32(kGroup))),
              sx::mod(i, i32(kGroup)));
}

Expr stagingRowOf(const Expr &row, int64_t slabs) { return slabs > 1 ? stagingRow(row, slabs) : row; }

// The element a thread's register holds, split into a part of the register and a part of the
// thread: row(tx, reg) = R(reg) + T(tx) (and likewise for columns), with the slab and the staging
// row functions of R and T alone. The accumulator layouts are sums of a warp / lane offset and a
// register offset, so this holds for them; it is checked on every (thread, register) rather than
// assumed. With it, the printed register loop indexes `const + t_row`: once unrolled, nvcc folds
// each register's constant (without it, it keeps many per-register addresses live).
bool splitsByThread(const Layout &l, int step, int64_t slabs, int64_t threads) {
  auto at = [&](int64_t t, int64_t g) {
    std::vector<Expr> e = l.element(i32(t), i32(g));
    return std::pair{asConstInt(fold(e[0])), asConstInt(fold(e[1]))};
  };
  if (l.valid(i32(0), i32(0)))
    return false; // tiles the layout does not divide: keep the plain form
  auto sr = [&](int64_t x) { return slabs > 1 ? x / (kGroup * slabs) * kGroup + x % kGroup : x; };
  auto [r00, c00] = at(0, 0);
  if (!r00 || !c00)
    return false;
  for (int64_t t = 0; t < threads; ++t) {
    auto [rt, ct] = at(t, 0);
    if (!rt || !ct)
      return false;
    int64_t tr = *rt - *r00, tc = *ct - *c00;
    for (int64_t g = 0; g < l.regs(); g += step) {
      auto [r, c] = at(t, g);
      auto [r0, c0] = at(0, g);
      if (!r || !c || !r0 || !c0 || *r != *r0 + tr || *c != *c0 + tc || sr(*r) != sr(*r0) + sr(tr) ||
          (*r / kGroup) % slabs != (*r0 / kGroup) % slabs)
        return false;
    }
  }
  return true;
}

// Op 1: fragment registers of slab `slab` (null: the whole tile) -> staging tile.
SStmt fragmentToStaging(SimtLowering &cx, const EpiloguePlan &p, const Buffer &regs, const Buffer &stage,
                        const Expr &slab) {
  int64_t slabs = p.rows / p.slabRows;
  const Layout &l = *p.layout;
  int step = p.pairStores ? 2 : 1;
  Var r = var("r");
  Expr reg = step == 2 ? times(r, i32(2)) : Expr(r);
  std::vector<Expr> el = l.element(cx.tx(), reg);
  Expr row = el[0], col = el[1], cond = l.valid(cx.tx(), reg), slabOfRow = row;
  Var tRow = var("t_row"), tCol = var("t_col");
  bool split = splitsByThread(l, step, slabs, cx.threads());
  std::vector<Expr> origin = l.element(i32(0), i32(0)), threadPart = l.element(cx.tx(), i32(0)),
                    regPart = l.element(i32(0), reg);
  if (split) { // row = regPart + (threadPart - origin); the slab is regPart's
    row = regPart[0], col = sx::plus(regPart[1], tCol), slabOfRow = regPart[0];
  }
  if (slab)
    cond = sx::land(cond, binary(BinaryOp::Eq, sx::mod(sx::div(slabOfRow, i32(kGroup)), i32(slabs)), slab));
  row = stagingRowOf(row, slabs);
  if (split)
    row = sx::plus(row, tRow);
  SStmt store;
  if (p.pairStores) {
    store = std::make_shared<SVecCopy>(stage, std::vector<Expr>{row, col}, regs, std::vector<Expr>{reg}, 2);
    cx.kernel().vectorRegisters.insert(regs.get());
  } else {
    store = sstore(stage, {row, col}, sx::cast(p.out, sx::ld(regs, {reg})));
  }
  SStmt loop = sfor(r, l.regs() / step, true, sif(cond, store));
  if (!split)
    return loop;
  Expr rowT = stagingRowOf(sx::minus(threadPart[0], origin[0]), slabs), colT = sx::minus(threadPart[1], origin[1]);
  return std::make_shared<SLet>(tRow, fold(rowT), std::make_shared<SLet>(tCol, fold(colT), loop));
}

// `s` with its loop (spreadOverThreads' `it` loop, when there is one) kept rolled: unrolled,
// nvcc hoists every iteration's shared load and address into registers next to the whole
// accumulator (the sm_90a GEMM: 199 registers unrolled, 154 kept rolled, as without staging).
SStmt keptRolled(const SStmt &s) {
  if (auto *f = s ? s->as<SFor>() : nullptr)
    return std::make_shared<SFor>(f->var, f->min, f->extent, Unroll::none(), f->body);
  return s;
}

// Op 2: the staging tile's rows of slab `slab` -> global, 16 bytes a thread and step.
SStmt stagingToGlobal(SimtLowering &cx, const Copy &c, const EpiloguePlan &p, const Buffer &stage, const Expr &slab,
                      const StageIndex &stages) {
  auto globalIndex = [&](const Expr &i, const Expr &col) {
    Expr row = slab ? tileRow(i, slab, p.rows / p.slabRows) : i;
    std::vector<Expr> g = regionIndices(c.dst, {row, col});
    for (Expr &e : g)
      e = cx.rewrite(e, Place{stages});
    return g;
  };
  Var i = var("i"), v = var("v");
  SStmt vectors = keptRolled(cx.spreadOverThreads({p.slabRows, p.cols / p.lanes}, {i, v}, [&]() -> SStmt {
    std::vector<Expr> g = globalIndex(i, times(v, i32(p.lanes)));
    SStmt vec = std::make_shared<SVecCopy>(c.dst.buffer, g, stage, std::vector<Expr>{i, times(v, i32(p.lanes))},
                                           p.lanes);
    return sif(cx.inBounds(c.dst.buffer, g, p.lanes), vec);
  }));
  if (p.alignment.empty())
    return vectors;
  // Rows not provably aligned: the vectors when the block's rows are aligned at run time (then
  // again wholly in or out), else the scalar tail, spread flat (consecutive threads, consecutive
  // columns), one guarded element each.
  Expr aligned;
  for (const Expr &a : p.alignment)
    aligned = sx::land(aligned, cx.rewrite(a, Place{stages}));
  Var i2 = var("i"), j = var("j");
  SStmt scalars = keptRolled(cx.spreadOverThreads({p.slabRows, p.cols}, {i2, j}, [&]() -> SStmt {
    std::vector<Expr> g = globalIndex(i2, j);
    return sif(cx.inBounds(c.dst.buffer, g), sstore(c.dst.buffer, g, sx::ld(stage, {i2, j})));
  }));
  return std::make_shared<SIf>(aligned, vectors, scalars);
}

} // namespace

std::optional<SStmt> lowerStagedEpilogue(SimtLowering &cx, const Copy &c, const StageIndex &stages) {
  std::optional<EpiloguePlan> p = decideEpilogue(cx, c);
  if (!p)
    return std::nullopt;
  const Buffer &regs = cx.simt(c.src.buffer);
  Buffer stage = cx.newShared(c.dst.buffer->name + "_stage", {p->slabRows, p->pitch}, p->out);
  int64_t slabs = p->rows / p->slabRows;
  Var s = var("slab");
  Expr slab = slabs > 1 ? Expr(s) : nullptr;
  if (slab)
    cx.setRange(s, i32(0), i32(slabs));
  std::string head = fmt::format("T.copy {} -> {}: staged through {}", c.src.buffer->name, c.dst.buffer->name,
                                 stage->name);
  SStmt toShared = std::make_shared<SOp>(head + " (fragment -> shared)", fragmentToStaging(cx, *p, regs, stage, slab));
  SStmt toGlobal = std::make_shared<SOp>(
      fmt::format("{} ({} bytes per thread{})", head, p->lanes * dtypeBytes(p->out),
                  p->alignment.empty() ? "" : "; a scalar tail when rows are not aligned"),
      stagingToGlobal(cx, c, *p, stage, slab, stages));
  SStmt both = sseq({toShared, toGlobal});
  return slab ? sfor(s, slabs, true, both) : both;
}

} // namespace tilec::gpu
