// Element-wise maps on Tenstorrent. Compute: every tile of the destination computed by the
// expression tensoriser (TensorizeExpr.cpp), which picks the FPU/SFPU ops per node; fills and
// tile-to-tile copies compute through the same lowerElementwise. Staging: each element of a DRAM
// tensor the map reads becomes an element of a tile (or a row or column of one) read first.
#include "target/tt/BufferUses.h"
#include "target/tt/ComputeBuilder.h"
#include "target/tt/TTUtil.h"
#include "target/tt/compute/Ops.h"

#include "ir/Functor.h"
#include "ir/Printer.h"

namespace tilec::tt {

using namespace ir;

bool coversWholeBuffer(const Region &r) {
  for (size_t d = 0; d < r.buffer->rank(); ++d)
    if (asConstInt(r.starts[d]).value_or(1) != 0 || printExpr(r.extents[d]) != printExpr(r.buffer->shape[d]))
      return false;
  return true;
}

namespace {

// How one index of a global access inside a Map depends on the Map's axes: start + axis.
struct IndexForm {
  Expr start;
  int axis = -1; // -1: no axis (a fixed index such as a batch coordinate)
};

std::optional<IndexForm> decomposeIndex(const Expr &e, const std::vector<Var> &axes) {
  auto axisOf = [&](const Expr &x) -> int {
    if (auto *v = x->as<VarNode>())
      for (size_t k = 0; k < axes.size(); ++k)
        if (axes[k].get() == v)
          return static_cast<int>(k);
    return -1;
  };
  if (!mentions(e, axes))
    return IndexForm{e, -1};
  if (int k = axisOf(e); k >= 0)
    return IndexForm{intImm(0), k};
  if (auto *b = e->as<Binary>(); b && b->op == BinaryOp::Add) {
    if (int k = axisOf(b->b); k >= 0 && !mentions(b->a, axes))
      return IndexForm{b->a, k};
    if (int k = axisOf(b->a); k >= 0 && !mentions(b->b, axes))
      return IndexForm{b->b, k};
  }
  return std::nullopt;
}

// A global element read inside a Map: the tile (or vector tile) of the Map's box it belongs to,
// read by a T.copy appended to `before`.
Expr stageLoad(GlobalStaging &staging, const Load &l, const Map &m, const std::vector<int64_t> &box,
               std::vector<Stmt> &before) {
  Region region{l.buffer, {}, {}, l.loc};
  std::vector<Expr> tileIndex;
  std::vector<int64_t> shape;
  int lastAxis = -1;
  for (const Expr &idx : l.indices) {
    auto form = decomposeIndex(idx, m.axes);
    if (!form)
      fail(l.loc, "this read of '" + l.buffer->name + "' (index " + printExpr(idx) +
                      ") is not an element of the tile being computed, a row or a column of it; "
                      "the Tenstorrent backend reads global tensors by whole tiles");
    region.starts.push_back(form->start);
    if (form->axis < 0) {
      region.extents.push_back(intImm(1));
      continue;
    }
    if (form->axis <= lastAxis)
      fail(l.loc, "this read of '" + l.buffer->name + "' walks the tile's axes in transposed order; "
                  "not supported on Tenstorrent");
    lastAxis = form->axis;
    region.extents.push_back(intImm(box[form->axis]));
    tileIndex.push_back(m.axes[form->axis]);
    shape.push_back(box[form->axis]);
  }
  if (shape.empty())
    fail(l.loc, "a scalar read of the global tensor '" + l.buffer->name +
                    "' inside a tile expression is not supported on Tenstorrent");
  Buffer tile = staging.newTile(l.buffer, shape, l.loc);
  before.push_back(std::make_shared<Copy>(region, fullRegion(tile, l.loc), l.loc));
  return load(tile, tileIndex, l.loc);
}

// Loads of global tensors in a map's value become loads of staged tiles.
class LoadStager : public IRMutator {
public:
  LoadStager(GlobalStaging &staging, const Map &m, std::vector<int64_t> box, std::vector<Stmt> &before)
      : staging_(staging), map_(m), box_(std::move(box)), before_(before) {}

protected:
  Expr mutateLoad(const Expr &e, const Load &l) override {
    if (!GlobalStaging::isGlobal(l.buffer))
      return IRMutator::mutateLoad(e, l);
    return stageLoad(staging_, l, map_, box_, before_);
  }

private:
  GlobalStaging &staging_;
  const Map &map_;
  std::vector<int64_t> box_;
  std::vector<Stmt> &before_;
};

} // namespace

KBody lowerElementwise(CbProtocol &engine, const std::vector<Var> &axes, const Region &dstRegion, const Expr &value,
                       SourceLoc loc) {
  const CbPlan &dst = engine.cbOf(dstRegion.buffer, loc);
  if (!coversWholeBuffer(dstRegion))
    fail(loc, "element-wise updates of part of the tile '" + dstRegion.buffer->name +
                  "' are not supported on Tenstorrent; compute the whole tile");
  ExprTensorizer tensorizer(engine.program(), axes, engine.inits(), dst);
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

KBody lowerMap(CbProtocol &engine, const Map &m, const BufferNode *) {
  if (isIndexTileMap(m)) { // the reader builds it (IndexTiles.cpp): compute waits for it as for a read
    const CbPlan &cb = engine.cbOf(m.dst.buffer, m.loc);
    KBody out = engine.popIfHeld(cb);
    out.push_back(engine.waitWhole(cb));
    return out;
  }
  return lowerElementwise(engine, m.axes, m.dst, m.value, m.loc);
}

// The tiles the value reads are read first; a DRAM destination is computed in a tile and
// written back after.
Stmt stageMap(GlobalStaging &staging, const Stmt &s, const Map &m) {
  std::vector<Stmt> before, after;
  std::vector<int64_t> box = GlobalStaging::constExtents(m.dst, m.loc);
  Expr value = LoadStager(staging, m, box, before).mutate(m.value);
  Region dst = m.dst;
  if (GlobalStaging::isGlobal(m.dst.buffer)) {
    Buffer tile = staging.newTile(m.dst.buffer, box, m.loc);
    after.push_back(std::make_shared<Copy>(fullRegion(tile, m.loc), m.dst, m.loc));
    dst = fullRegion(tile, m.loc);
  }
  if (before.empty() && after.empty())
    return s;
  before.push_back(m.rebuild({dst}, {value}));
  before.insert(before.end(), after.begin(), after.end());
  return seq(before, m.loc);
}

} // namespace tilec::tt
