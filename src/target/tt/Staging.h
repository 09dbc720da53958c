// stage-global-accesses (StageGlobalAccesses.cpp) rewrites every tile op that touches a global
// tensor directly onto L1 tiles, with T.copy statements moving the tiles between DRAM and L1.
// How an op is staged is the op's own (stage<Op> in compute/<Op>.cpp, declared in
// compute/Ops.h); this is what they share: the new tiles, named apart from each other and from
// the kernel's own.
#pragma once

#include "ir/IR.h"

#include <set>
#include <string>

namespace tilec::tt {

class GlobalStaging {
public:
  explicit GlobalStaging(ir::PrimFunc &f) : f_(f) {}

  // A new shared tile of `shape` in the data format of `global`, named `<global>_tile[N]`.
  ir::Buffer newTile(const ir::Buffer &global, const std::vector<int64_t> &shape, SourceLoc loc);
  // A new tile holding a region of a global tensor (its extents without the unit dimensions).
  ir::Buffer tileFor(const ir::Region &global, SourceLoc loc) {
    return newTile(global.buffer, nonUnit(constExtents(global, loc)), loc);
  }

  static bool isGlobal(const ir::Buffer &b) { return b->scope == ir::Scope::Global; }
  // The extents of a region, which must be constants on Tenstorrent (a located error if not).
  static std::vector<int64_t> constExtents(const ir::Region &r, SourceLoc loc);
  // A region's extents without its unit dimensions (one 1 when all are).
  static std::vector<int64_t> nonUnit(const std::vector<int64_t> &extents);

private:
  bool hasAlloc(const std::string &name) const;

  ir::PrimFunc &f_;
  std::set<std::string> names_;
};

} // namespace tilec::tt
