// Reductions through the reduce unit (reduce_tile with the scaler tile of 1.0). It has SUM and MAX
// only: min(x) = -max(-x) reduces the negated tile and negates the result; abssum/absmax reduce |x|
// (the tile prepared into TTProgram::preparedSrc). A reduction that keeps the old value (clear=False)
// combines the new partial with it in DST: binary_max/min_tile, or an add that reuses DST.
#include "target/tt/compute/Ops.h"

#include <cmath>

namespace tilec::tt {

using namespace ir;

namespace {

// The reduction's prepared source: sfpu(x) (negative or abs) of every tile of x.
KBody prepareOperand(CbProtocol &engine, const Reduce &r, const CbPlan &src, const std::string &sfpu) {
  const CbPlan &dst = engine.cbOf(engine.program().preparedSrc.at(&r), r.loc);
  Production how;
  how.passes = {[&](const TileSite &site, const KExpr &slot, KBody &out) {
    KExpr cb = kName(src.name);
    engine.ensureInit(out, "copy:" + src.name, kCall("copy_init", {cb}));
    out.push_back(kCall("copy_tile", {cb, site.t, slot}));
    engine.ensureInit(out, "sfpu:" + sfpu, kCall(sfpu + "_tile_init"));
    out.push_back(kCall(sfpu + "_tile", {slot}));
  }};
  return engine.define(dst, false, how, r.loc);
}

// One reduction, once its operands are known: what it computes and the CBs it names.
struct ReduceForm {
  const CbPlan *src = nullptr, *dst = nullptr, *scaler = nullptr;
  bool min = false, max = false, rowReduce = true, combine = false;
  KConst pool = KConst::PoolSum, dim = KConst::ReduceRow;
  int64_t rows = 1, cols = 1; // the source's tile grid as the reduction walks it
  KExpr srcCb() const { return kName(src->name); }
  KExpr dstCb() const { return kName(dst->name); }
  KExpr scalerCb() const { return kName(scaler->name); }
  std::vector<KExpr> tmpl() const { return {kConst(pool), kConst(dim)}; }
  // reduce_init leaves the packer's edge mask set; this restores it before another op packs
  KStmt uninit() const { return kCall("reduce_uninit", {dstCb()}, {kConst(dim)}); }
};

ReduceForm formOf(CbProtocol &engine, const Reduce &r, const CbPlan &src) {
  ReduceForm f;
  f.src = &src;
  f.dst = &engine.cbOf(r.dst.buffer, r.loc);
  f.scaler = engine.program().scalerCb();
  f.min = r.reduceKind == ReduceKind::Min;
  f.max = r.reduceKind == ReduceKind::Max || r.reduceKind == ReduceKind::AbsMax || f.min;
  f.combine = !r.clear;
  // A whole vector reduces to one value: every tile of it goes into the one result tile, along
  // the tile dimension its values lie on (row 0 of a row vector, column 0 of a column vector),
  // which leaves the total at element (0, 0).
  bool vectorSrc = r.src.buffer->rank() == 1;
  f.rowReduce = vectorSrc ? engine.cbOf(r.src.buffer, r.loc).layout == VectorLayout::Row : r.dim == 1;
  f.pool = f.max ? KConst::PoolMax : KConst::PoolSum;
  f.dim = f.rowReduce ? KConst::ReduceRow : KConst::ReduceCol;
  f.rows = src.tileRows, f.cols = src.tileCols;
  if (vectorSrc && !f.rowReduce) // the column vector's tiles, stacked as one column of tiles
    std::swap(f.rows, f.cols);
  if (f.dst->valueTiles != (f.rowReduce ? f.rows : f.cols))
    fail(r.loc, "the reduction's output does not match its input's shape");
  return f;
}

// DST starts at zero after acquire: a running max starts at -inf.
PerTile startAtMinusInfinity(CbProtocol &engine) {
  return [&engine](const TileSite &, const KExpr &slot, KBody &out) {
    engine.ensureInit(out, "fill", kCall("fill_tile_init"));
    out.push_back(kCall("fill_tile", {slot, kFloat(-INFINITY)}));
  };
}

// reduce_tile over the source tiles that make up the destination tile at `site`.
PerTile reduceTiles(CbProtocol &engine, const ReduceForm &f) {
  return [&engine, f](const TileSite &site, const KExpr &slot, KBody &out) {
    engine.ensureInit(out, std::string("reduce:") + constSpelling(f.pool) + constSpelling(f.dim) + f.src->name,
                      kCall("reduce_init", {f.srcCb(), f.scalerCb(), f.dstCb()}, f.tmpl()));
    int64_t along = f.rowReduce ? f.cols : f.rows;
    KExpr j = along == 1 ? kInt(0) : kName("jt");
    KExpr idx = f.rowReduce ? add(mul(site.t, f.cols), j) : add(mul(j, f.cols), site.t);
    KStmt reduce = kCall("reduce_tile", {f.srcCb(), f.scalerCb(), idx, kInt(0), slot}, f.tmpl());
    out.push_back(along == 1 ? reduce : kFor(j, kInt(0), kInt(along), {reduce}));
  };
}

// min(x) = -max(-x): the reduced maximum of -x negated.
PerTile negate(CbProtocol &engine, const ReduceForm &f) {
  return [&engine, f](const TileSite &, const KExpr &slot, KBody &out) {
    out.push_back(f.uninit());
    engine.ensureInit(out, "sfpu:negative", kCall("negative_tile_init"));
    out.push_back(kCall("negative_tile", {slot}));
  };
}

// clear=False: the new partial combined with the old value (at the CB front) in DST.
PerTile combineWithOld(CbProtocol &engine, const ReduceForm &f) {
  return [&engine, f](const TileSite &site, const KExpr &slot, KBody &out) {
    if (!f.min)
      out.push_back(f.uninit());
    if (!f.max) {
      std::vector<KExpr> reuse = {kConst(KConst::EltwiseAdd), kConst(KConst::DestToSrcA)};
      engine.ensureInit(out, "reuse:add" + f.dst->name, kCall("binary_dest_reuse_tiles_init", {f.dstCb()}, reuse));
      out.push_back(kCall("binary_dest_reuse_tiles", {f.dstCb(), site.u, slot}, reuse));
      return;
    }
    std::string fn = f.min ? "binary_min_tile" : "binary_max_tile";
    KExpr next = add(slot, 1);
    engine.ensureInit(out, "copy:" + f.dst->name, kCall("copy_init", {f.dstCb()}));
    out.push_back(kCall("copy_tile", {f.dstCb(), site.u, next}));
    engine.ensureInit(out, "sfpu:" + fn, kCall(fn + "_init"));
    out.push_back(kCall(fn, {slot, next, slot}));
  };
}

} // namespace

KBody lowerReduce(CbProtocol &engine, const Reduce &r, const BufferNode *) {
  engine.requireHeld(r.src.buffer.get(), r.loc);
  bool min = r.reduceKind == ReduceKind::Min;
  bool absolute = r.reduceKind == ReduceKind::AbsSum || r.reduceKind == ReduceKind::AbsMax;
  KBody out;
  if (min || absolute)
    out = prepareOperand(engine, r, engine.cbOf(r.src.buffer, r.loc), min ? "negative" : "abs");
  const Buffer &src = min || absolute ? engine.program().preparedSrc.at(&r) : r.src.buffer;
  ReduceForm f = formOf(engine, r, engine.cbOf(src, r.loc));
  engine.noteFamily("reduce", {f.srcCb(), f.scalerCb(), f.dstCb()});
  Production how;
  how.slotsPerTile = f.combine && f.max ? 2 : 1;
  if (f.max)
    how.passes.push_back(startAtMinusInfinity(engine));
  how.passes.push_back(reduceTiles(engine, f));
  if (f.min)
    how.passes.push_back(negate(engine, f));
  if (f.combine) {
    engine.requireHeld(f.dst->buffer.get(), r.loc);
    how.passes.push_back(combineWithOld(engine, f));
  }
  append(out, engine.define(*f.dst, f.combine, how, r.loc));
  if (!f.combine && !f.min)
    out.push_back(f.uninit());
  engine.forgetInit();
  return out;
}

// A DRAM source is read into a tile first; a DRAM destination is computed in a tile (read first
// too unless the reduce clears it) and written back after.
Stmt stageReduce(GlobalStaging &staging, const Stmt &s, const Reduce &r) {
  if (!GlobalStaging::isGlobal(r.src.buffer) && !GlobalStaging::isGlobal(r.dst.buffer))
    return s;
  std::vector<Stmt> out;
  Region src = r.src, dst = r.dst;
  if (GlobalStaging::isGlobal(src.buffer)) {
    Buffer tile = staging.tileFor(src, r.loc);
    out.push_back(std::make_shared<Copy>(src, fullRegion(tile, r.loc), r.loc));
    src = fullRegion(tile, r.loc);
  }
  std::vector<Stmt> after;
  if (GlobalStaging::isGlobal(dst.buffer)) {
    Buffer tile = staging.tileFor(dst, r.loc);
    if (!r.clear)
      out.push_back(std::make_shared<Copy>(dst, fullRegion(tile, r.loc), r.loc));
    after.push_back(std::make_shared<Copy>(fullRegion(tile, r.loc), dst, r.loc));
    dst = fullRegion(tile, r.loc);
  }
  out.push_back(r.rebuild({src, dst}, {}));
  out.insert(out.end(), after.begin(), after.end());
  return seq(out, r.loc);
}

} // namespace tilec::tt
