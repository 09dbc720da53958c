// T.copy: dst region = src region, element by element (with a cast when the dtypes differ). The
// two regions have the same non-unit extents in the same order. A global side may cross its
// tensor's edge (a tail block): reads outside give 0, writes outside are skipped.
#pragma once

#include "ir/ops/TileOp.h"

namespace tilec::ir {

struct Copy : TileOp {
  static constexpr StmtKind kKind = StmtKind::Copy;
  Region src, dst;
  Copy(Region s, Region d, SourceLoc l = {}) : TileOp(kKind, l), src(std::move(s)), dst(std::move(d)) {}

  std::vector<Operand> operands() const override;
  Stmt rebuild(std::vector<Region> regions, std::vector<Expr> values) const override;
  void verify(RegionChecker &checker) const override;
  Stmt expand(ScratchTiles &scratch) const override;
  std::string print() const override;
};

} // namespace tilec::ir
