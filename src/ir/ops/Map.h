// An element-wise computation over a tile: for all axes in the box [0, extents):
//   dst.buffer[dst.starts + axes] = value
// where `value` reads other buffers at indices written in terms of `axes` (the same element, a
// broadcast row/column, a scalar...). Raised from T.Parallel nests with no cross-element reads of
// dst (transform/RaiseTileOps.cpp); expands back to such a nest.
#pragma once

#include "ir/ops/TileOp.h"

namespace tilec::ir {

struct Map : TileOp {
  static constexpr StmtKind kKind = StmtKind::Map;
  std::vector<Var> axes; // bound by the map, one per dimension of dst
  Region dst;            // extents == the box; dst.starts[d] + axes[d] addresses the element
  Expr value;
  Map(std::vector<Var> ax, Region d, Expr v, SourceLoc l = {})
      : TileOp(kKind, l), axes(std::move(ax)), dst(std::move(d)), value(std::move(v)) {}

  std::vector<Operand> operands() const override;
  std::vector<Expr> values() const override { return {value}; }
  Stmt rebuild(std::vector<Region> regions, std::vector<Expr> values) const override;
  void verify(RegionChecker &checker) const override;
  Stmt expand(ScratchTiles &scratch) const override;
  std::string print() const override;
};

} // namespace tilec::ir
