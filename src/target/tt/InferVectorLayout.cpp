// Vector layout: a 1-D tensor or tile lives in tiles either as a row vector (tile row 0 holds the
// values; what a ROW broadcast reads, what REDUCE_COL leaves) or as a column vector (tile column 0;
// COL broadcast, REDUCE_ROW). Decided by how the kernel indexes it (docs/TT_BACKEND.md), propagated
// through copies and 1-D element-wise maps until nothing changes; column by default.
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include "ir/Accesses.h"
#include "ir/Functor.h"

namespace tilec::tt {

using namespace ir;

namespace {

using Layouts = std::map<const BufferNode *, VectorLayout>;

struct Facts {
  std::vector<std::pair<const BufferNode *, VectorLayout>> fixed; // from reductions / broadcasts
  std::vector<std::pair<const BufferNode *, const BufferNode *>> same; // must agree
  std::map<const BufferNode *, SourceLoc> where;
};

class FactCollector : public IRVisitor {
public:
  Facts facts;

protected:
  void visitReduce(const Reduce &r) override {
    fix(r.dst.buffer, r.dim == 1 ? VectorLayout::Col : VectorLayout::Row, r.loc);
  }
  void visitCopy(const Copy &c) override {
    if (isVector(c.src.buffer) && isVector(c.dst.buffer))
      facts.same.push_back({c.src.buffer.get(), c.dst.buffer.get()});
  }
  void visitMap(const Map &m) override {
    for (const Access &l : accessesOf(m.value)) {
      if (!isVector(l.buffer))
        continue;
      if (m.axes.size() == 1) {
        if (isVector(m.dst.buffer))
          facts.same.push_back({l.buffer.get(), m.dst.buffer.get()});
        continue;
      }
      // In a 2-D map, V[i] is a column vector (one value per row), V[j] a row vector.
      const auto *v = (*l.indices)[0]->as<VarNode>();
      if (v && v == m.axes[0].get())
        fix(l.buffer, VectorLayout::Col, l.loc);
      else if (v && v == m.axes[1].get())
        fix(l.buffer, VectorLayout::Row, l.loc);
    }
  }

private:
  // A one-element tile keeps its value at (0, 0) in either layout: no fact about it binds others.
  static bool isVector(const Buffer &b) { return b->rank() == 1 && !isScalarTile(b); }
  void fix(const Buffer &b, VectorLayout l, SourceLoc loc) {
    if (isScalarTile(b))
      return;
    facts.fixed.push_back({b.get(), l});
    facts.where.emplace(b.get(), loc);
  }
};

void assign(Layouts &out, const BufferNode *b, VectorLayout l, const Facts &facts) {
  auto [it, inserted] = out.emplace(b, l);
  if (!inserted && it->second != l) {
    auto w = facts.where.find(b);
    fail(w == facts.where.end() ? b->loc : w->second,
         "the vector '" + b->name + "' is used both as a row (indexed by the column) and as a column "
         "(indexed by the row); on Tenstorrent a vector has one layout — copy it into a second vector");
  }
}

} // namespace

std::map<const BufferNode *, VectorLayout> inferVectorLayouts(const PrimFunc &f) {
  FactCollector c;
  c.visit(f.body);
  Layouts out;
  for (auto [b, l] : c.facts.fixed)
    assign(out, b, l, c.facts);
  for (bool changed = true; changed;) {
    changed = false;
    for (auto [a, b] : c.facts.same) {
      bool hasA = out.count(a), hasB = out.count(b);
      if (hasA && !hasB)
        out[b] = out[a], changed = true;
      else if (hasB && !hasA)
        out[a] = out[b], changed = true;
      else if (hasA && hasB && out[a] != out[b])
        assign(out, a, out[b], c.facts);
    }
  }
  auto defaultCol = [&](const Buffer &b) {
    if (b->rank() == 1 && !out.count(b.get()))
      out[b.get()] = VectorLayout::Col;
  };
  for (const Buffer &b : f.params)
    defaultCol(b);
  for (const Buffer &b : f.allocs)
    defaultCol(b);
  return out;
}

} // namespace tilec::tt
