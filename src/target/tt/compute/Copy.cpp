// T.copy on Tenstorrent. A copy from DRAM is the reader's (compute waits for the tile, and pops
// the one it held before); a copy to DRAM is the writer's (compute produced the tile where it was
// defined); a copy between tiles is computed, the element-wise map of the identity (pack converts
// the data format). Staging: a DRAM-to-DRAM copy goes through a tile.
#include "target/tt/compute/Ops.h"

namespace tilec::tt {

using namespace ir;

namespace {

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
  return lowerElementwise(engine, axes, c.dst, load(c.src.buffer, idx, c.loc), c.loc);
}

} // namespace

KBody lowerCopy(CbProtocol &engine, const Copy &c, const BufferNode *) {
  bool fromDram = c.src.buffer->scope == Scope::Global, toDram = c.dst.buffer->scope == Scope::Global;
  if (toDram)
    return {};
  if (!fromDram)
    return lowerTileCopy(engine, c);
  const CbPlan &cb = engine.cbOf(c.dst.buffer, c.loc);
  if (cb.role == CbRole::Passthrough)
    return {};
  KBody out = engine.popIfHeld(cb);
  out.push_back(engine.waitWhole(cb));
  return out;
}

Stmt stageCopy(GlobalStaging &staging, const Stmt &s, const Copy &c) {
  if (!GlobalStaging::isGlobal(c.src.buffer) || !GlobalStaging::isGlobal(c.dst.buffer))
    return s;
  Buffer tile = staging.tileFor(c.src, c.loc);
  return seq({std::make_shared<Copy>(c.src, fullRegion(tile, c.loc), c.loc),
              std::make_shared<Copy>(fullRegion(tile, c.loc), c.dst, c.loc)},
             c.loc);
}

} // namespace tilec::tt
