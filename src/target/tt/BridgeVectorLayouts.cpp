// bridge-vector-layouts: on Tenstorrent a vector tile has one layout, a row (tile row 0) or a
// column (tile column 0) (docs/TT_BACKEND.md, "Vectors"). A kernel may still need one vector both
// ways: a row sum `s` (REDUCE_ROW leaves a column) read as `s[i]` in a map over (j, i), where i
// is the column axis. Where a vector's uses ask for both layouts (VectorUses.h), it keeps the
// layout its reductions leave (else that of its first use), and each 2-D map that reads it the
// other way reads a twin instead, computed just before that map by a bridge `twin[k] = v[k]`,
// which compute lowers as a transpose of each tile (a column vector's tile k transposed is the
// row vector's tile k). One transpose per tile of the vector, per map that reads it that way.
#include "ir/Accesses.h"
#include "ir/Functor.h"
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"
#include "target/tt/VectorUses.h"
#include "transform/Analysis.h"

namespace tilec::tt {

using namespace ir;

namespace {

bool isTileVector(const Buffer &b) { return b->rank() == 1 && b->scope != Scope::Global && !isScalarTile(b); }

// The layout each tile vector gets: what its reductions leave, else what its first use asks.
class LayoutChooser : public IRVisitor {
public:
  std::map<const BufferNode *, VectorLayout> kept;
  std::map<const BufferNode *, VectorLayout> firstUse;

protected:
  void visitReduce(const Reduce &r) override {
    if (isTileVector(r.dst.buffer))
      kept.emplace(r.dst.buffer.get(), reducedLayout(r));
  }
  void visitMap(const Map &m) override {
    for (const Access &l : accessesOf(m.value))
      if (isTileVector(l.buffer))
        if (VectorLayout w = broadcastLayout(m, (*l.indices)[0]); w != VectorLayout::None)
          firstUse.emplace(l.buffer.get(), w);
  }
};

class Bridger : public IRMutator {
public:
  Bridger(PrimFunc &f, std::map<const BufferNode *, VectorLayout> layouts) : f_(f), layouts_(std::move(layouts)) {}

protected:
  Stmt mutateMap(const Stmt &s, const Map &m) override {
    std::vector<Stmt> bridges;
    std::map<const BufferNode *, Expr> twinLoads;
    class Redirect : public IRMutator {
    public:
      Redirect(Bridger &b, const Map &m, std::vector<Stmt> &bridges) : b_(b), m_(m), bridges_(bridges) {}

    protected:
      Expr mutateLoad(const Expr &e, const Load &l) override {
        auto it = b_.layouts_.find(l.buffer.get());
        VectorLayout wanted = l.indices.size() == 1 ? broadcastLayout(m_, l.indices[0]) : VectorLayout::None;
        if (it == b_.layouts_.end() || wanted == VectorLayout::None || wanted == it->second)
          return IRMutator::mutateLoad(e, l);
        return load(b_.twinFor(l.buffer, wanted, m_.loc, bridges_), l.indices, l.loc);
      }

    private:
      Bridger &b_;
      const Map &m_;
      std::vector<Stmt> &bridges_;
    } redirect(*this, m, bridges);
    Expr value = redirect.mutate(m.value);
    if (bridges.empty())
      return s;
    bridges.push_back(m.rebuild({m.dst}, {value}));
    return seq(std::move(bridges), m.loc);
  }

private:
  // The twin of `v` in layout `l`, and the bridge that fills it before this map.
  Buffer twinFor(const Buffer &v, VectorLayout l, SourceLoc loc, std::vector<Stmt> &bridges) {
    Buffer &twin = twins_[{v.get(), l}];
    if (!twin)
      twin = transform::newFragment(f_, v->name + (l == VectorLayout::Row ? "_row" : "_col"), v->shape, v->dtype,
                                    v->loc);
    for (const Stmt &b : bridges)
      if (b->as<Map>()->dst.buffer == twin)
        return twin;
    Var k = var("k", DType::Int32, loc);
    bridges.push_back(std::make_shared<Map>(std::vector<Var>{k}, fullRegion(twin, loc), load(v, {k}, loc), loc));
    return twin;
  }

  PrimFunc &f_;
  std::map<const BufferNode *, VectorLayout> layouts_; // of the vectors whose uses disagree
  std::map<std::pair<const BufferNode *, VectorLayout>, Buffer> twins_;
};

// The vectors some use reads in a layout other than the one they keep.
class DisagreementFinder : public IRVisitor {
public:
  explicit DisagreementFinder(const LayoutChooser &c) : c_(c) {}
  std::map<const BufferNode *, VectorLayout> found;

protected:
  void visitMap(const Map &m) override {
    for (const Access &l : accessesOf(m.value)) {
      VectorLayout keep = keptLayout(l.buffer.get());
      if (!isTileVector(l.buffer) || keep == VectorLayout::None)
        continue;
      if (VectorLayout w = broadcastLayout(m, (*l.indices)[0]); w != VectorLayout::None && w != keep)
        found.emplace(l.buffer.get(), keep);
    }
  }

private:
  VectorLayout keptLayout(const BufferNode *b) const {
    if (auto it = c_.kept.find(b); it != c_.kept.end())
      return it->second;
    auto it = c_.firstUse.find(b);
    return it == c_.firstUse.end() ? VectorLayout::None : it->second;
  }
  const LayoutChooser &c_;
};

} // namespace

void bridgeVectorLayouts(PrimFunc &f) {
  LayoutChooser chooser;
  chooser.visit(f.body);
  DisagreementFinder finder(chooser);
  finder.visit(f.body);
  if (finder.found.empty())
    return;
  f.body = Bridger(f, finder.found).mutate(f.body);
}

} // namespace tilec::tt
