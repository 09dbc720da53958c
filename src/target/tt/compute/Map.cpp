// Element-wise maps, fills and tile-to-tile copies: every tile of the destination computed by the
// expression tensoriser (TensorizeExpr.cpp), which picks the FPU/SFPU ops per node.
#include "target/tt/BufferUses.h"
#include "target/tt/ComputeBuilder.h"
#include "target/tt/compute/Ops.h"

#include "ir/Printer.h"

namespace tilec::tt {

using namespace ir;

namespace {

// Tenstorrent computes whole tiles: a region must start at 0 and span its buffer.
bool coversWholeBuffer(const Region &r) {
  for (size_t d = 0; d < r.buffer->rank(); ++d)
    if (asConstInt(r.starts[d]).value_or(1) != 0 || printExpr(r.extents[d]) != printExpr(r.buffer->shape[d]))
      return false;
  return true;
}

} // namespace

KBody lowerMap(CbProtocol &engine, const std::vector<Var> &axes, const Region &dstRegion, const Expr &value,
               SourceLoc loc) {
  const CbPlan &dst = engine.cbOf(dstRegion.buffer, loc);
  if (!coversWholeBuffer(dstRegion))
    fail(loc, "element-wise updates of part of the tile '" + dstRegion.buffer->name +
                  "' are not supported on Tenstorrent; compute the whole tile");
  ExprTensorizer tensorizer(engine.program(), axes, engine.inits(), kName(dst.name));
  bool update = readsBuffer(value, dst.buffer.get());
  for (const BufferNode *b : tensorizer.operands(value))
    if (b != dst.buffer.get())
      engine.requireHeld(b, loc);
  TileSite base;
  base.dstCols = dst.tileCols;
  base.dst2d = dstRegion.buffer->rank() == 2;
  base.rotating = update ? dst.buffer.get() : nullptr;
  Production how;
  how.slotsPerTile = tensorizer.slotsNeeded(value);
  how.passes = {[&, base](const TileSite &site, const KExpr &slot, KBody &out) {
    TileSite s = base;
    s.t = site.t;
    s.u = site.u;
    tensorizer.emit(value, s, slot, out);
  }};
  KBody out = engine.define(dst, update, how, loc);
  if (!tensorizer.firstFamily.empty())
    engine.noteFamily(tensorizer.firstFamily, {tensorizer.firstCbs.first, tensorizer.firstCbs.second, kName(dst.name)});
  return out;
}

KBody lowerTileCopy(CbProtocol &engine, const Copy &c) {
  for (const Region *r : {&c.src, &c.dst})
    if (!coversWholeBuffer(*r))
      fail(c.loc, "copies between tiles must copy whole tiles on Tenstorrent");
  std::vector<Var> axes;
  std::vector<Expr> idx;
  for (size_t d = 0; d < c.dst.buffer->rank(); ++d) {
    axes.push_back(var(d == 0 ? "i" : "j"));
    idx.push_back(axes.back());
  }
  if (c.src.buffer->rank() != c.dst.buffer->rank())
    fail(c.loc, "copies between tiles of different ranks are not supported on Tenstorrent");
  return lowerMap(engine, axes, c.dst, load(c.src.buffer, idx, c.loc), c.loc);
}

} // namespace tilec::tt
