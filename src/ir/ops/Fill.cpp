#include "ir/ops/Fill.h"

#include "ir/IR.h"
#include "ir/Printer.h"
#include "ir/ops/Extents.h"
#include "ir/ops/Loops.h"

namespace tilec::ir {

std::vector<Operand> Fill::operands() const { return {{&dst, false, true}}; }

Stmt Fill::rebuild(std::vector<Region> regions, std::vector<Expr> values) const {
  return std::make_shared<Fill>(std::move(regions[0]), std::move(values[0]), loc);
}

void Fill::verify(RegionChecker &checker) const { checker.checkRegion(dst, loc, "fill destination"); }

// A Parallel nest over the non-unit extents: dst[...] = value.
Stmt Fill::expand(ScratchTiles &) const {
  checkExpandable(dst, "fill", loc);
  std::vector<Var> vars;
  std::vector<Expr> extents, idx = dst.starts;
  for (size_t d : nonUnitDims(dst)) {
    vars.push_back(var("fill_i" + std::to_string(d), DType::Int32, loc));
    extents.push_back(dst.extents[d]);
    idx[d] = shifted(dst.starts[d], vars.back());
  }
  Stmt store = std::make_shared<Store>(dst.buffer, idx, castTo(dst.buffer->dtype, value), loc);
  return loopNest(store, vars, extents, ForKind::Parallel, loc);
}

std::string Fill::print() const { return "fill(" + printRegion(dst) + ", " + printExpr(value) + ")"; }

} // namespace tilec::ir
