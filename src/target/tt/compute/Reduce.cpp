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

// What one reduction is, once its operands are known.
struct ReduceForm {
  bool min = false, max = false, rowReduce = true, combine = false;
  KConst pool = KConst::PoolSum, dim = KConst::ReduceRow;
  int64_t rows = 1, cols = 1; // the source's tile grid as the reduction walks it
};

} // namespace

KBody lowerReduce(CbProtocol &engine, const Reduce &r) {
  engine.requireHeld(r.src.buffer.get(), r.loc);
  const TTProgram &p = engine.program();
  ReduceForm f;
  f.min = r.reduceKind == ReduceKind::Min;
  bool absolute = r.reduceKind == ReduceKind::AbsSum || r.reduceKind == ReduceKind::AbsMax;
  KBody prep;
  if (f.min || absolute)
    prep = prepareOperand(engine, r, engine.cbOf(r.src.buffer, r.loc), f.min ? "negative" : "abs");
  const CbPlan &src = f.min || absolute ? engine.cbOf(p.preparedSrc.at(&r), r.loc) : engine.cbOf(r.src.buffer, r.loc);
  const CbPlan &dst = engine.cbOf(r.dst.buffer, r.loc);
  const CbPlan *scaler = p.scalerCb();
  f.max = r.reduceKind == ReduceKind::Max || r.reduceKind == ReduceKind::AbsMax || f.min;
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
  if (dst.valueTiles != (f.rowReduce ? f.rows : f.cols))
    fail(r.loc, "the reduction's output does not match its input's shape");
  KExpr srcCb = kName(src.name), scalerCb = kName(scaler->name), dstCb = kName(dst.name);
  std::vector<KExpr> tmpl = {kConst(f.pool), kConst(f.dim)};
  engine.noteFamily("reduce", {srcCb, scalerCb, dstCb});
  f.combine = !r.clear;
  Production how;
  how.slotsPerTile = f.combine && f.max ? 2 : 1;
  if (f.max) // DST starts at zero after acquire: start the running max at -inf
    how.passes.push_back([&](const TileSite &, const KExpr &slot, KBody &out) {
      engine.ensureInit(out, "fill", kCall("fill_tile_init"));
      out.push_back(kCall("fill_tile", {slot, kFloat(-INFINITY)}));
    });
  how.passes.push_back([&](const TileSite &site, const KExpr &slot, KBody &out) {
    engine.ensureInit(out, std::string("reduce:") + constSpelling(f.pool) + constSpelling(f.dim) + src.name,
                      kCall("reduce_init", {srcCb, scalerCb, dstCb}, tmpl));
    int64_t along = f.rowReduce ? f.cols : f.rows;
    KExpr j = along == 1 ? kInt(0) : kName("jt");
    KExpr idx = f.rowReduce ? add(mul(site.t, f.cols), j) : add(mul(j, f.cols), site.t);
    KStmt reduce = kCall("reduce_tile", {srcCb, scalerCb, idx, kInt(0), slot}, tmpl);
    out.push_back(along == 1 ? reduce : kFor(j, kInt(0), kInt(along), {reduce}));
  });
  KStmt uninit = kCall("reduce_uninit", {dstCb}, {kConst(f.dim)});
  if (f.min)
    how.passes.push_back([&](const TileSite &, const KExpr &slot, KBody &out) {
      out.push_back(uninit);
      engine.ensureInit(out, "sfpu:negative", kCall("negative_tile_init"));
      out.push_back(kCall("negative_tile", {slot}));
    });
  if (f.combine) {
    engine.requireHeld(dst.buffer.get(), r.loc);
    how.passes.push_back([&](const TileSite &site, const KExpr &slot, KBody &out) {
      if (!f.min)
        out.push_back(uninit);
      if (f.max) {
        std::string fn = f.min ? "binary_min_tile" : "binary_max_tile";
        KExpr next = add(slot, 1);
        engine.ensureInit(out, "copy:" + dst.name, kCall("copy_init", {dstCb}));
        out.push_back(kCall("copy_tile", {dstCb, site.u, next}));
        engine.ensureInit(out, "sfpu:" + fn, kCall(fn + "_init"));
        out.push_back(kCall(fn, {slot, next, slot}));
      } else {
        std::vector<KExpr> reuse = {kConst(KConst::EltwiseAdd), kConst(KConst::DestToSrcA)};
        engine.ensureInit(out, "reuse:add" + dst.name, kCall("binary_dest_reuse_tiles_init", {dstCb}, reuse));
        out.push_back(kCall("binary_dest_reuse_tiles", {dstCb, site.u, slot}, reuse));
      }
    });
  }
  KBody out = engine.define(dst, f.combine, how, r.loc);
  if (!f.combine && !f.min) // restore the packer's edge mask before any other op packs
    out.push_back(uninit);
  engine.forgetInit();
  append(prep, out);
  return prep;
}

} // namespace tilec::tt
