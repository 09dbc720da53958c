// T.Parallel nests whose value depends on the element's coordinates: the common raise-tile-ops
// pass leaves them as loops (a loop variable outside a load index is not element-wise in its
// sense), and the GPU backend runs them as they are. Tenstorrent has no per-element loops, so the
// first step of build-index-tiles raises them to Maps here, where the index values then become
// index tiles (IndexTiles.cpp):
//   for i, j in T.Parallel(M, N): dst[a + i, b + j] = f(i, j, loads)        → map(i, j) dst = f
//   for i, j in T.Parallel(M, N): if c(i, j): dst[a + i, b + j] = v        → map(i, j) dst = c ? v : dst
//   for i, j in T.Parallel(M, N): if r < M and c < N: C[r, c] = v         → the same store unguarded
//   T.if_then_else(r < M and c < N, A[r, c], 0) inside a raised value      → A[r, c]
// The last is a store to a tensor guarded by its own bounds: the clipped T.copy it is raised to
// (raise-tile-ops, run again) writes exactly the elements inside, which the writer already ensures.
// A nest is raised when its loops all run from 0 over constant extents, the store addresses
// `start + v` with every loop variable once (coefficient 1), the store's buffer is a tile and every
// load in the value is of another buffer at `start` or `start + v` per index (an element, a
// broadcast row or column), or of the destination at the stored element. Anything else is left to
// validate-tt, which refuses it at the loop.
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include "ir/Functor.h"
#include "ir/Printer.h"
#include "transform/Analysis.h"
#include "transform/Passes.h"

namespace tilec::tt {

using namespace ir;
using transform::AffineIndex;
using transform::VarSet;

namespace {

struct IndexNest {
  std::vector<const For *> loops; // outermost first
  VarSet vars;
  const Store *store = nullptr;
  Expr guard; // the condition of the `if` around the store, or null
  SourceLoc guardLoc;
};

std::optional<IndexNest> collectNest(const For &outer) {
  IndexNest n;
  const StmtNode *s = &outer;
  while (auto *f = s->as<For>()) {
    auto lo = asConstInt(f->min);
    if (f->forKind != ForKind::Parallel || !lo || *lo != 0 || !asConstInt(f->extent))
      return std::nullopt;
    n.loops.push_back(f);
    n.vars.insert(f->var.get());
    s = f->body.get();
  }
  if (auto *i = s->as<If>(); i && !i->elseBody) {
    n.guard = i->cond;
    n.guardLoc = i->loc;
    s = i->thenBody.get();
  }
  n.store = s->as<Store>();
  if (!n.store)
    return std::nullopt;
  return n;
}

// Each index of an access split into `start + coeff * var`; nullopt unless every loop variable it
// uses appears with coefficient 1, in one index only.
std::optional<std::vector<AffineIndex>> accessOf(const std::vector<Expr> &indices, const VarSet &vars) {
  std::vector<AffineIndex> out;
  VarSet seen;
  for (const Expr &i : indices) {
    auto a = transform::splitAffine(i, vars);
    if (!a || (a->var && (a->coeff != 1 || !seen.insert(a->var).second)))
      return std::nullopt;
    out.push_back(*a);
  }
  return out;
}

bool loadsAreElementwise(const Expr &value, const Store &st, const VarSet &vars) {
  struct Checker : IRVisitor {
    const Store &st;
    const VarSet &vars;
    bool ok = true;
    Checker(const Store &s, const VarSet &v) : st(s), vars(v) {}
    void visitLoad(const Load &l) override {
      if (l.buffer == st.buffer)
        ok &= transform::exprsEqual(l.indices, st.indices);
      else
        ok &= accessOf(l.indices, vars).has_value();
      // the indices were checked as a whole; loads inside them are not element-wise values
      for (const Expr &i : l.indices)
        ok &= !transform::hasLoad(i);
    }
  } checker(st, vars);
  checker.visit(value);
  return checker.ok;
}

// Whether `cond` only says that element `indices` of `b` lies inside it: a conjunction of
// `index_d < shape_d` (or `shape_d > index_d`).
bool isBoundsGuard(const Expr &cond, const Buffer &b, const std::vector<Expr> &indices) {
  auto *bin = cond->as<Binary>();
  if (!bin)
    return false;
  if (bin->op == BinaryOp::And)
    return isBoundsGuard(bin->a, b, indices) && isBoundsGuard(bin->b, b, indices);
  if (bin->op != BinaryOp::Lt && bin->op != BinaryOp::Gt)
    return false;
  const Expr &index = bin->op == BinaryOp::Lt ? bin->a : bin->b, &bound = bin->op == BinaryOp::Lt ? bin->b : bin->a;
  for (size_t d = 0; d < indices.size(); ++d)
    if (transform::exprEqual(index, indices[d]) && transform::exprEqual(bound, b->shape[d]))
      return true;
  return false;
}

// `T.if_then_else(inside(T[idx]), T[idx], 0)` for a tensor T is T[idx]: Tenstorrent's reads past a
// tensor's edge give zeros (the reader's zero-filled pages), as the clipped T.copy does.
class LoadGuardDropper : public IRMutator {
protected:
  Expr mutateSelect(const Expr &e, const Select &s) override {
    auto *l = s.a->as<Load>();
    auto *zero = s.b->as<FloatImm>();
    auto *izero = s.b->as<IntImm>();
    bool isZero = (zero && zero->value == 0) || (izero && izero->value == 0);
    if (l && isZero && l->buffer->scope == Scope::Global && isBoundsGuard(s.cond, l->buffer, l->indices))
      return s.a;
    return IRMutator::mutateSelect(e, s);
  }
};

// The nest with its store unguarded.
Stmt withoutGuard(const IndexNest &n) {
  Stmt body = std::make_shared<Store>(n.store->buffer, n.store->indices, n.store->value, n.store->loc,
                                      n.store->atomic);
  for (size_t k = n.loops.size(); k-- > 0;) {
    const For &f = *n.loops[k];
    body = std::make_shared<For>(f.var, f.min, f.extent, f.forKind, body, f.loc, f.numStages);
  }
  return body;
}

std::optional<Stmt> raise(const For &outer, bool &unguarded) {
  auto n = collectNest(outer);
  if (n && n->store->isAtomic())
    return std::nullopt; // an atomic update is never a map or a plain copy (validate-tt refuses it)
  if (n && n->guard && n->store->buffer->scope == Scope::Global &&
      isBoundsGuard(n->guard, n->store->buffer, n->store->indices)) {
    unguarded = true;
    return withoutGuard(*n);
  }
  if (!n || n->store->buffer->scope == Scope::Global)
    return std::nullopt;
  const Store &st = *n->store;
  auto dst = accessOf(st.indices, n->vars);
  if (!dst)
    return std::nullopt;
  std::vector<Var> axes;
  Region region{st.buffer, {}, {}, st.loc};
  for (size_t d = 0; d < dst->size(); ++d) {
    const AffineIndex &a = (*dst)[d];
    const For *loop = nullptr;
    for (const For *f : n->loops)
      if (f->var.get() == a.var)
        loop = f;
    axes.push_back(loop ? loop->var : var("_u" + std::to_string(d), DType::Int32, st.loc));
    region.starts.push_back(a.start);
    region.extents.push_back(loop ? loop->extent : intImm(1, st.loc));
  }
  size_t covered = 0;
  for (const Var &a : axes)
    covered += n->vars.count(a.get());
  if (covered != n->loops.size())
    return std::nullopt; // a loop variable the store does not address: not one element per iteration
  Expr value = LoadGuardDropper().mutate(st.value);
  if (n->guard) { // a guard on tile values becomes a choice on them too (LowerTileChoices.cpp)
    if (value->dtype != st.buffer->dtype) // the store converts its value: so does the choice's branch
      value = std::make_shared<Cast>(st.buffer->dtype, value, st.loc);
    value = std::make_shared<Select>(n->guard, value, std::make_shared<Load>(st.buffer, st.indices, st.loc), st.loc);
  }
  if (!loadsAreElementwise(value, st, n->vars))
    return std::nullopt;
  return std::make_shared<Map>(std::move(axes), std::move(region), value, outer.loc);
}

class NestRaiser : public IRMutator {
public:
  bool unguarded = false; // a bounds guard was dropped: the common raise has a plain nest to raise

protected:
  Stmt mutateFor(const Stmt &s, const For &f) override {
    if (f.forKind == ForKind::Parallel)
      if (auto m = raise(f, unguarded))
        return *m;
    return IRMutator::mutateFor(s, f);
  }
};

} // namespace

void raiseIndexNests(PrimFunc &f) {
  NestRaiser raiser;
  f.body = raiser.mutate(f.body);
  if (raiser.unguarded) {
    transform::raiseTileOps(f);
    transform::simplify(f);
  }
}

} // namespace tilec::tt
