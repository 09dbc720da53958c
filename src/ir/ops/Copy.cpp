#include "ir/ops/Copy.h"

#include "ir/IR.h"
#include "ir/Printer.h"
#include "ir/ops/Extents.h"
#include "ir/ops/Loops.h"

namespace tilec::ir {

std::vector<Operand> Copy::operands() const { return {{&src, true, false}, {&dst, false, true}}; }

Stmt Copy::rebuild(std::vector<Region> regions, std::vector<Expr>) const {
  return std::make_shared<Copy>(std::move(regions[0]), std::move(regions[1]), loc);
}

void Copy::verify(RegionChecker &checker) const {
  checker.checkRegion(src, loc, "copy source", /*clipsAtGlobalEdge=*/true);
  checker.checkRegion(dst, loc, "copy destination", /*clipsAtGlobalEdge=*/true);
  auto a = nonUnitExtents(src.extents), b = nonUnitExtents(dst.extents);
  if (!sameExtents(a, b))
    fail(loc, "copy extents do not match: source " + src.buffer->name + " has " + tupleText(a) +
                  ", destination " + dst.buffer->name + " has " + tupleText(b) +
                  "; both sides must have the same non-unit extents in the same order");
}

// A Parallel nest over the non-unit extents, matched in order: dst[...] = cast(src[...]).
Stmt Copy::expand(ScratchTiles &) const {
  checkExpandable(src, "copy source", loc);
  checkExpandable(dst, "copy destination", loc);
  std::vector<size_t> sd = nonUnitDims(src), dd = nonUnitDims(dst);
  bool mismatch = sd.size() != dd.size();
  for (size_t k = 0; !mismatch && k < sd.size(); ++k)
    mismatch = staticallyDifferent(src.extents[sd[k]], dst.extents[dd[k]]);
  if (mismatch)
    fail(loc, "copy shape mismatch between '" + src.buffer->name + "' and '" + dst.buffer->name + "'");
  std::vector<Var> vars;
  std::vector<Expr> extents;
  std::vector<Expr> srcIdx = src.starts, dstIdx = dst.starts;
  for (size_t k = 0; k < dd.size(); ++k) {
    vars.push_back(var("copy_i" + std::to_string(k), DType::Int32, loc));
    extents.push_back(dst.extents[dd[k]]);
    srcIdx[sd[k]] = shifted(src.starts[sd[k]], vars.back());
    dstIdx[dd[k]] = shifted(dst.starts[dd[k]], vars.back());
  }
  // A global side may cross the tensor's edge (a tail block): reads outside give 0, writes
  // outside are skipped — TileLang's bounds-checked T.copy.
  DType t = dst.buffer->dtype;
  Expr value = castTo(t, load(src.buffer, srcIdx, loc));
  if (src.buffer->scope == Scope::Global)
    value = std::make_shared<Select>(inBounds(src.buffer, srcIdx), value, zeroOf(t), loc);
  Stmt store = std::make_shared<Store>(dst.buffer, dstIdx, value, loc);
  if (dst.buffer->scope == Scope::Global)
    store = std::make_shared<If>(inBounds(dst.buffer, dstIdx), store, nullptr, loc);
  return loopNest(store, vars, extents, ForKind::Parallel, loc);
}

std::string Copy::print() const { return "copy(" + printRegion(src) + " -> " + printRegion(dst) + ")"; }

} // namespace tilec::ir
