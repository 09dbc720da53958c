// T.gemm on the matrix engine: the strategy (GemmStrategy.cpp) decides matmul_tiles per tile or
// matmul_block per rectangle, and whether the accumulator stays in DST; this file emits it.
// Accumulating into C through its CB does not reload the partial results into DST: the packer adds
// the new products onto them in L1 (pack_reconfig_l1_acc), and rotation puts each tile back on the
// page it was popped from, whose bytes still hold the old partial.
#include "target/tt/compute/GemmStrategy.h"
#include "target/tt/compute/Ops.h"

#include <fmt/format.h>

namespace tilec::tt {

using namespace ir;

namespace {

// The operands of one matmul as the kernel names them.
struct GemmOperands {
  const CbPlan &a, &b, &c;
  int64_t kt, nt;
  bool transposeB;
  KExpr cbA() const { return kName(a.name); }
  KExpr cbB() const { return kName(b.name); }
  // the transpose parameter is a uint32_t at both levels
  KExpr transpose() const { return kInt(transposeB ? 1 : 0); }
  std::string key() const { return a.name + b.name + (transposeB ? "1" : "0"); }
  // K tiles run over `kk` unless there is one
  KExpr k() const { return kt == 1 ? kInt(0) : kName("kk"); }
  KBody overK(const KStmt &call) const { return {kt == 1 ? call : kFor(kName("kk"), kInt(0), kInt(kt), {call})}; }
  // A's tile (row, k) and B's tile (k, col) of C's tile `t` (row-major).
  KExpr aTile(const KExpr &t) const { return add(mul(div(t, nt), kt), k()); }
  KExpr bTile(const KExpr &t) const {
    return transposeB ? add(mul(mod(t, nt), kt), k()) : add(mul(k(), nt), mod(t, nt));
  }
};

// matmul_tiles for C's tile at `site` into `slot`, over every K tile.
PerTile matmulTiles(CbProtocol &engine, const GemmOperands &g) {
  return [&engine, g](const TileSite &site, const KExpr &slot, KBody &out) {
    engine.ensureInit(out, "matmul:" + g.key(), kCall("matmul_init", {g.cbA(), g.cbB(), g.transpose()}));
    append(out, g.overK(kCall("matmul_tiles", {g.cbA(), g.cbB(), g.aTile(site.t), g.bTile(site.t), slot, g.transpose()})));
  };
}

void appendArgs(std::vector<KExpr> &to, const std::vector<KExpr> &more) { to.insert(to.end(), more.begin(), more.end()); }

// matmul_block's trailing arguments (ct, rt, kt) and the init that goes with them.
struct BlockDims {
  int64_t ct, rt, kt;
  std::vector<KExpr> args() const { return {kInt(ct), kInt(rt), kInt(kt)}; }
};
void ensureBlockInit(CbProtocol &engine, const GemmOperands &g, int64_t rowsInKey, int64_t colsInKey,
                     const BlockDims &d, KBody &out) {
  std::string key = "matmul_block:" + g.key() + fmt::format("{}x{}x{}", rowsInKey, colsInKey, g.kt);
  std::vector<KExpr> args = {g.cbA(), g.cbB(), g.transpose()};
  appendArgs(args, d.args());
  engine.ensureInit(out, key, kCall("matmul_block_init", args));
}
KStmt matmulBlock(const GemmOperands &g, KExpr aTile, KExpr bTile, KExpr slot, const BlockDims &d) {
  std::vector<KExpr> args = {g.cbA(), g.cbB(), std::move(aTile), std::move(bTile), std::move(slot), g.transpose()};
  appendArgs(args, d.args());
  return kCall("matmul_block", args);
}
// The accumulator already sits in DST slots 0..n-1 (C's tile t in slot t).
KBody multiplyIntoDst(CbProtocol &engine, const GemmOperands &g, const GemmPlan &plan) {
  KBody out;
  if (plan.strategy == GemmStrategy::ResidentBlock) {
    BlockDims d{g.nt, plan.rt, g.kt};
    ensureBlockInit(engine, g, plan.rt, g.nt, d, out);
    append(out, g.overK(matmulBlock(g, g.k(), g.transposeB ? g.k() : mul(g.k(), g.nt), kInt(0), d)));
    return out;
  }
  KExpr t = g.c.valueTiles == 1 ? kInt(0) : kName("u");
  TileSite site;
  site.t = t;
  engine.ensureInit(out, "matmul:" + g.key(), kCall("matmul_init", {g.cbA(), g.cbB(), g.transpose()}));
  KBody body;
  matmulTiles(engine, g)(site, t, body);
  if (g.c.valueTiles == 1)
    append(out, body);
  else
    out.push_back(kFor(t, kInt(0), kInt(g.c.valueTiles), body));
  return out;
}

// One matmul_block per K tile over the chunk starting at C's tile `first`, an rt x ct rectangle.
PerChunk chunkBlock(CbProtocol &engine, const GemmOperands &g, const GemmPlan &plan) {
  return [&engine, g, plan](const KExpr &first, KBody &out) {
    BlockDims d{plan.ct, plan.rt, g.kt};
    ensureBlockInit(engine, g, plan.rt, plan.ct, d, out);
    append(out, g.overK(matmulBlock(g, g.aTile(first), g.bTile(first), kInt(0), d)));
  };
}

// transpose_B by columns: each call takes one column `jc` of the chunk (whole rows of C, ct == nt),
// rt tiles down it, into DST slots jc * rt ..: DST holds the chunk column-major.
PerChunk columnBlocks(CbProtocol &engine, const GemmOperands &g, const GemmPlan &plan) {
  return [&engine, g, plan](const KExpr &first, KBody &out) {
    BlockDims d{1, plan.rt, g.kt};
    ensureBlockInit(engine, g, plan.rt, 1, d, out);
    KExpr jc = kName("jc"), kk = kName("kk");
    KExpr aTile = add(mul(div(first, g.nt), g.kt), kk), bTile = add(mul(jc, g.kt), kk);
    KStmt call = matmulBlock(g, aTile, bTile, mul(jc, plan.rt), d);
    out.push_back(kFor(jc, kInt(0), kInt(plan.ct), {kFor(kk, kInt(0), kInt(g.kt), {call})}));
  };
}

// transpose_A: A^T's tile (r, k) is the transpose of A's tile (k, r), written into a scratch CB.
KBody transposeOperand(CbProtocol &engine, const Gemm &g, const CbPlan &src) {
  const CbPlan &dst = engine.cbOf(engine.program().transposedA.at(&g), g.loc);
  int64_t kt = dst.tileCols, mt = dst.tileRows;
  Production how;
  how.passes = {[&engine, &src, kt, mt](const TileSite &site, const KExpr &slot, KBody &out) {
    KExpr cb = kName(src.name);
    engine.ensureInit(out, "transpose:" + src.name, kCall("transpose_init", {cb}));
    out.push_back(kCall("transpose_tile", {cb, add(mul(mod(site.t, kt), mt), div(site.t, kt)), slot}));
  }};
  return engine.define(dst, false, how, g.loc);
}

} // namespace

KBody lowerGemm(CbProtocol &engine, const Gemm &g, const BufferNode *inDst) {
  bool accumulatorInDst = inDst == g.c.buffer.get();
  const TTProgram &p = engine.program();
  KBody prep;
  if (g.transposeA) {
    engine.requireHeld(g.a.buffer.get(), g.loc);
    prep = transposeOperand(engine, g, engine.cbOf(g.a.buffer, g.loc));
  }
  const CbPlan &a = g.transposeA ? engine.cbOf(p.transposedA.at(&g), g.loc) : engine.cbOf(g.a.buffer, g.loc);
  const CbPlan &b = engine.cbOf(g.b.buffer, g.loc), &c = engine.cbOf(g.c.buffer, g.loc);
  engine.requireHeld(a.buffer.get(), g.loc);
  engine.requireHeld(b.buffer.get(), g.loc);
  GemmOperands ops{a, b, c, a.tileCols, c.tileCols, g.transposeB};
  if ((g.transposeB ? b.tileCols : b.tileRows) != ops.kt || (g.transposeB ? b.tileRows : b.tileCols) != ops.nt ||
      a.tileRows != c.tileRows)
    fail(g.loc, "T.gemm operand shapes do not agree");
  engine.noteFamily("matmul", {kName(a.name), kName(b.name), kName(c.name)});
  GemmShape shape{c.tileRows, ops.nt, ops.kt, c.valueTiles, g.transposeB};
  GemmPlan plan = chooseGemmStrategy(shape, p.compute.mathFidelity, p.compute.dstTiles, accumulatorInDst);
  if (accumulatorInDst)
    return multiplyIntoDst(engine, ops, plan);
  bool accumulate = !g.clearAccum;
  if (accumulate && c.role != CbRole::Intermediate)
    fail(g.loc, "T.gemm accumulates into '" + g.c.buffer->name + "', which is only written to DRAM; "
                "use clear_accum=True or accumulate in a fragment");
  Production how;
  how.l1Accumulate = accumulate;
  how.passes = {matmulTiles(engine, ops)};
  if (plan.strategy == GemmStrategy::ChunkBlock)
    how.perChunk = chunkBlock(engine, ops, plan);
  if (plan.strategy == GemmStrategy::ColumnBlocks) {
    how.perChunk = columnBlocks(engine, ops, plan);
    how.columnRows = plan.rt, how.columnCols = plan.ct;
  }
  append(prep, engine.define(c, accumulate, how, g.loc));
  return prep;
}

// The matrix engine reads only L1 tiles, and a gemm's K loop is the user's to write: a gemm on a
// DRAM tensor is refused rather than staged.
Stmt stageGemm(GlobalStaging &, const Stmt &s, const Gemm &g) {
  for (const Region *r : {&g.a, &g.b, &g.c})
    if (GlobalStaging::isGlobal(r->buffer))
      fail(g.loc, "T.gemm on the global tensor '" + r->buffer->name +
                      "': copy the block into a shared tile first (T.copy), then T.gemm on tiles");
  return s;
}

} // namespace tilec::tt
