#include "ir/ops/TileOp.h"

namespace tilec::ir {

Stmt TileOp::mapRegions(const std::function<Region(const Region &)> &fn) const {
  std::vector<Region> regions;
  for (const Operand &o : operands())
    regions.push_back(fn(*o.region));
  return rebuild(std::move(regions), values());
}

bool isTileOp(StmtKind k) {
  switch (k) {
#define TILEC_TILE_OP(Name) case StmtKind::Name:
#include "ir/ops/TileOps.def"
    return true;
  default:
    return false;
  }
}

const TileOp *asTileOp(const StmtNode &s) { return isTileOp(s.kind) ? static_cast<const TileOp *>(&s) : nullptr; }

bool sameRegion(const Region &a, const Region &b) {
  return a.buffer == b.buffer && a.starts == b.starts && a.extents == b.extents;
}

} // namespace tilec::ir
