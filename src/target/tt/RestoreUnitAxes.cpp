// restore-unit-axes: the common simplifier drops T.Parallel loops of extent 1 and writes their
// index as 0, which is right for every target but leaves the TT tensoriser two shapes it does not
// recognise in the nests of 1-row (1-column) blocks:
//   - `for i in T.Parallel(1): mean[i] = mean[i] / N` arrives as the plain store
//     `mean[0] = mean[0] / N`, which raise-tile-ops does not raise. A store whose destination and
//     loads are all one-element tiles is the map over that one element: it becomes a Map over a
//     box of ones, computed on the tile's element (0, 0) like any scalar tile (docs/TT_BACKEND.md,
//     "Vectors"); other stores stay and are refused by validate-tt.
//   - in a map over a [1, N] box, `x[0, j]` reads the element the map computes (`x[i, j]` with i
//     over one value), but the tensoriser sees row 0 broadcast: the index goes back to the axis
//     when the map's box and the loaded tile both have extent 1 there.
#include "target/tt/SmallTiles.h"

#include "ir/Accesses.h"
#include "ir/Functor.h"

namespace tilec::tt {

using namespace ir;

namespace {

bool isOneElementTile(const Buffer &b) {
  if (b->scope == Scope::Global)
    return false;
  auto shape = constShape(b);
  if (!shape)
    return false;
  for (int64_t d : *shape)
    if (d != 1)
      return false;
  return true;
}

// Loads of a 2-D tile inside a 2-D map: index 0 at a unit axis of the map, where the tile has
// extent 1 too, while the other index is that position's axis — the axis put back.
class UnitIndexRestorer : public IRMutator {
public:
  UnitIndexRestorer(const std::vector<Var> &axes, const std::vector<int> &unitAxes)
      : axes_(axes), unitAxes_(unitAxes) {}

protected:
  Expr mutateLoad(const Expr &e, const Load &l) override {
    if (l.buffer->scope == Scope::Global || l.indices.size() != 2)
      return IRMutator::mutateLoad(e, l);
    auto shape = constShape(l.buffer);
    std::vector<Expr> indices = l.indices;
    bool changed = false;
    for (int p : unitAxes_) {
      int q = 1 - p;
      auto *other = indices[q]->as<VarNode>();
      if (asConstInt(indices[p]).value_or(1) == 0 && shape && (*shape)[p] == 1 && other && other == axes_[q].get()) {
        indices[p] = axes_[p];
        changed = true;
      }
    }
    return changed ? load(l.buffer, indices, l.loc) : e;
  }

private:
  const std::vector<Var> &axes_;
  const std::vector<int> &unitAxes_;
};

class UnitAxisRestorer : public IRMutator {
protected:
  Stmt mutateFor(const Stmt &s, const For &f) override {
    if (f.forKind == ForKind::Parallel)
      return s; // a nest of its own: raised (or refused) as a whole
    return IRMutator::mutateFor(s, f);
  }

  Stmt mutateMap(const Stmt &s, const Map &m) override {
    std::vector<int> unitAxes;
    for (size_t k = 0; k < m.axes.size(); ++k)
      if (asConstInt(m.dst.extents[k]).value_or(0) == 1 && asConstInt(m.dst.starts[k]).value_or(1) == 0)
        unitAxes.push_back(static_cast<int>(k));
    if (unitAxes.empty() || m.axes.size() != 2)
      return s;
    UnitIndexRestorer restorer(m.axes, unitAxes);
    Expr value = restorer.mutate(m.value);
    return value == m.value ? s : m.rebuild({m.dst}, {value});
  }

  Stmt mutateStore(const Stmt &s, const Store &st) override {
    if (st.isAtomic() || !isOneElementTile(st.buffer))
      return s;
    for (const Access &a : accessesOf(st.value))
      if (!isOneElementTile(a.buffer))
        return s;
    std::vector<Var> axes;
    for (size_t d = 0; d < st.buffer->rank(); ++d)
      axes.push_back(var(d ? "j" : "i"));
    return std::make_shared<Map>(axes, fullRegion(st.buffer, st.loc), st.value, st.loc);
  }
};

} // namespace

void restoreUnitAxes(PrimFunc &f) {
  UnitAxisRestorer raiser;
  f.body = raiser.mutate(f.body);
}

} // namespace tilec::tt
