// T.reduce_*: dst = reduce(src, along dim), or dst op= reduce(...) when clear is false. src is
// seen through its 2-D view (ir/MatrixView.h); dst is the 1-D result (the reduced extent removed).
// Every step is rounded to dst's dtype.
#pragma once

#include "ir/ops/TileOp.h"

namespace tilec::ir {

enum class ReduceKind { Sum, Max, Min, AbsSum, AbsMax };
const char *reduceKindName(ReduceKind k);

struct Reduce : TileOp {
  static constexpr StmtKind kKind = StmtKind::Reduce;
  ReduceKind reduceKind;
  Region src, dst;
  int dim; // 0 or 1: the reduced dimension of src's 2-D view (ir/MatrixView.h), not of src itself
  bool clear = true;
  Reduce(ReduceKind k, Region s, Region d, int dm, bool c, SourceLoc l = {})
      : TileOp(kKind, l), reduceKind(k), src(std::move(s)), dst(std::move(d)), dim(dm), clear(c) {}

  std::vector<Operand> operands() const override;
  Stmt rebuild(std::vector<Region> regions, std::vector<Expr> values) const override;
  void verify(RegionChecker &checker) const override;
  Stmt expand(ScratchTiles &scratch) const override;
  std::string print() const override;
};

} // namespace tilec::ir
