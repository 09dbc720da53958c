#include "ir/ops/Map.h"

#include "ir/Functor.h"
#include "ir/Printer.h"
#include "ir/ops/Loops.h"

namespace tilec::ir {

std::vector<Operand> Map::operands() const { return {{&dst, false, true}}; }

Stmt Map::rebuild(std::vector<Region> regions, std::vector<Expr> values) const {
  return std::make_shared<Map>(axes, std::move(regions[0]), std::move(values[0]), loc);
}

void Map::verify(RegionChecker &checker) const {
  checker.checkRegion(dst, loc, "map destination");
  if (axes.size() != dst.buffer->rank())
    fail(loc, "map over " + dst.buffer->name + " has " + std::to_string(axes.size()) +
                  " axes but the buffer has rank " + std::to_string(dst.buffer->rank()));
}

// A Parallel nest over the box, the axes replaced by fresh loop variables.
Stmt Map::expand(ScratchTiles &) const {
  checkExpandable(dst, "map destination", loc);
  if (axes.size() != dst.extents.size())
    fail(loc, "map over '" + dst.buffer->name + "' has " + std::to_string(axes.size()) +
                  " axes for a region of rank " + std::to_string(dst.extents.size()));
  std::map<const VarNode *, Expr> rename;
  std::vector<Var> vars;
  std::vector<Expr> idx;
  for (size_t d = 0; d < axes.size(); ++d) {
    vars.push_back(var(axes[d]->name, axes[d]->dtype, axes[d]->loc));
    rename[axes[d].get()] = vars.back();
    idx.push_back(shifted(dst.starts[d], vars.back()));
  }
  Expr v = castTo(dst.buffer->dtype, substitute(value, rename));
  Stmt store = std::make_shared<Store>(dst.buffer, idx, v, loc);
  return loopNest(store, vars, dst.extents, ForKind::Parallel, loc);
}

std::string Map::print() const {
  std::string names;
  for (size_t i = 0; i < axes.size(); ++i)
    names += (i ? ", " : "") + axes[i]->name;
  return "map(" + names + ") " + printRegion(dst) + " = " + printExpr(value);
}

} // namespace tilec::ir
