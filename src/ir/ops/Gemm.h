// T.gemm: C += op(A) @ op(B), op = transpose when the flag is set (C = ... with clearAccum).
// Each operand is seen through its 2-D view (ir/MatrixView.h); A and B are shared or fragment
// tiles, C a fragment or local tile. Products and partial sums are in C's dtype.
#pragma once

#include "ir/ops/TileOp.h"

namespace tilec::ir {

struct Gemm : TileOp {
  static constexpr StmtKind kKind = StmtKind::Gemm;
  Region a, b, c;
  bool transposeA = false, transposeB = false;
  bool clearAccum = false; // C = op(A) @ op(B) instead of +=
  Gemm(Region a_, Region b_, Region c_, bool ta, bool tb, bool clear = false, SourceLoc l = {})
      : TileOp(kKind, l), a(std::move(a_)), b(std::move(b_)), c(std::move(c_)), transposeA(ta),
        transposeB(tb), clearAccum(clear) {}

  std::vector<Operand> operands() const override;
  Stmt rebuild(std::vector<Region> regions, std::vector<Expr> values) const override;
  void verify(RegionChecker &checker) const override;
  Stmt expand(ScratchTiles &scratch) const override;
  std::string print() const override;
};

} // namespace tilec::ir
