#include "target/tt/Staging.h"

#include "ir/Printer.h"

namespace tilec::tt {

using namespace ir;

std::vector<int64_t> GlobalStaging::nonUnit(const std::vector<int64_t> &extents) {
  std::vector<int64_t> out;
  for (int64_t e : extents)
    if (e != 1)
      out.push_back(e);
  if (out.empty())
    out.push_back(1);
  return out;
}

std::vector<int64_t> GlobalStaging::constExtents(const Region &r, SourceLoc loc) {
  std::vector<int64_t> out;
  for (const Expr &e : r.extents) {
    auto c = asConstInt(e);
    if (!c)
      fail(loc, "the region of '" + r.buffer->name + "' needs a constant extent on Tenstorrent, got " +
                    printExpr(e));
    out.push_back(*c);
  }
  return out;
}

Buffer GlobalStaging::newTile(const Buffer &global, const std::vector<int64_t> &shape, SourceLoc loc) {
  std::string base = global->name + "_tile";
  std::string name = base;
  for (int n = 1; names_.count(name) || hasAlloc(name); ++n)
    name = base + std::to_string(n);
  names_.insert(name);
  std::vector<Expr> dims;
  for (int64_t d : shape)
    dims.push_back(intImm(d));
  auto tile = std::make_shared<BufferNode>(name, dims, global->dtype, Scope::Shared, loc);
  f_.allocs.push_back(tile);
  return tile;
}

bool GlobalStaging::hasAlloc(const std::string &name) const {
  for (const Buffer &b : f_.allocs)
    if (b->name == name)
      return true;
  return false;
}

} // namespace tilec::tt
