// T.fill / T.clear: every element of the region = value (cast to the region's dtype).
#pragma once

#include "ir/ops/TileOp.h"

namespace tilec::ir {

struct Fill : TileOp {
  static constexpr StmtKind kKind = StmtKind::Fill;
  Region dst;
  Expr value;
  Fill(Region d, Expr v, SourceLoc l = {}) : TileOp(kKind, l), dst(std::move(d)), value(std::move(v)) {}

  std::vector<Operand> operands() const override;
  std::vector<Expr> values() const override { return {value}; }
  Stmt rebuild(std::vector<Region> regions, std::vector<Expr> values) const override;
  void verify(RegionChecker &checker) const override;
  Stmt expand(ScratchTiles &scratch) const override;
  std::string print() const override;
};

} // namespace tilec::ir
