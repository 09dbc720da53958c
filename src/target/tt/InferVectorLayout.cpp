// Vector layout: a 1-D tensor or tile lives in tiles either as a row vector (tile row 0 holds the
// values; what a ROW broadcast reads, what REDUCE_COL leaves) or as a column vector (tile column 0;
// COL broadcast, REDUCE_ROW). Decided by how the kernel indexes it (docs/TT_BACKEND.md, the rules
// of VectorUses.h), propagated through copies and 1-D element-wise maps until nothing changes;
// column by default. A copy between two vector tiles (a bridge, VectorUses.h) propagates last and
// only into vectors nothing else decided: where its two ends differ, compute transposes each tile.
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"
#include "target/tt/VectorUses.h"

#include "ir/Accesses.h"
#include "ir/Functor.h"

namespace tilec::tt {

using namespace ir;

namespace {

using Layouts = std::map<const BufferNode *, VectorLayout>;

struct Facts {
  std::vector<std::pair<const BufferNode *, VectorLayout>> fixed; // from reductions / broadcasts
  std::vector<std::pair<const BufferNode *, const BufferNode *>> same; // must agree
  std::vector<std::pair<const BufferNode *, const BufferNode *>> bridged; // agree unless decided apart
  std::map<const BufferNode *, SourceLoc> where;
};

class FactCollector : public IRVisitor {
public:
  Facts facts;

protected:
  void visitReduce(const Reduce &r) override { fix(r.dst.buffer, reducedLayout(r), r.loc); }
  void visitCopy(const Copy &c) override {
    if (!isVector(c.src.buffer) || !isVector(c.dst.buffer))
      return;
    bool betweenTiles = c.src.buffer->scope != Scope::Global && c.dst.buffer->scope != Scope::Global;
    (betweenTiles ? facts.bridged : facts.same).push_back({c.src.buffer.get(), c.dst.buffer.get()});
  }
  void visitMap(const Map &m) override {
    if (isVectorBridge(m) && isVector(m.dst.buffer)) {
      Buffer src = accessesOf(m.value).front().buffer;
      if (isVector(src))
        facts.bridged.push_back({src.get(), m.dst.buffer.get()});
      return;
    }
    for (const Access &l : accessesOf(m.value)) {
      if (!isVector(l.buffer))
        continue;
      if (m.axes.size() == 1) {
        if (isVector(m.dst.buffer))
          facts.same.push_back({l.buffer.get(), m.dst.buffer.get()});
        continue;
      }
      if (VectorLayout wanted = broadcastLayout(m, (*l.indices)[0]); wanted != VectorLayout::None)
        fix(l.buffer, wanted, l.loc);
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
  // Agreeing pairs first, to a fixed point; then each bridge carries a layout into a vector
  // nothing decided yet, and the agreeing pairs spread it again.
  auto propagate = [&](const auto &pairs, bool mustAgree) {
    bool any = false;
    for (bool changed = true; changed;) {
      changed = false;
      for (auto [a, b] : pairs) {
        bool hasA = out.count(a), hasB = out.count(b);
        if (hasA && !hasB)
          out[b] = out[a], changed = any = true;
        else if (hasB && !hasA)
          out[a] = out[b], changed = any = true;
        else if (mustAgree && hasA && hasB && out[a] != out[b])
          assign(out, a, out[b], c.facts);
      }
    }
    return any;
  };
  propagate(c.facts.same, true);
  while (propagate(c.facts.bridged, false))
    propagate(c.facts.same, true);
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
