// raise-scalar-code: element-wise code written as scalar statements, raised to tile ops for
// Tenstorrent, whose kernels consist of whole-tile operations only. The common raise-tile-ops
// raises T.Parallel nests; the GPU backend runs everything else as written, so it leaves these:
//
//  1. A nest of serial, unrolled or vectorized loops whose body is one store that addresses each
//     loop variable once (coefficient 1) and reads the stored buffer at the stored element only
//     (`for tk in T.vectorized(32): A_shared[tk] = A[k0 + tk]`). Each iteration writes its own
//     element and reads nothing another iteration writes, so the order of iterations cannot change
//     the result: it is the T.Parallel nest it could have been written as, and becomes one.
//  2. A store of a single element that no loop of its own sweeps:
//     - into a one-element tile (`l[0] = l[0] * T.exp(d[0]) + blk[0]`): a map over that tile (a
//       fill when the value reads nothing);
//     - into a tensor element (`Lse[b, h] = T.log(l[0]) + m[0]`): a map into a fresh one-element
//       tile, then a copy of it to that element.
//     A one-element tile is one tile with its value at element (0, 0) (docs/TT_BACKEND.md,
//     "Vectors"), so both are ordinary tile operations there.
// Then raise-tile-ops runs again over the kernel and raises the new T.Parallel nests. Anything
// that matches none of this is left as written, for validate-tt to refuse at the store.
#include "ir/Functor.h"
#include "target/tt/Passes.h"
#include "transform/Analysis.h"
#include "transform/Passes.h"

namespace tilec::tt {

using namespace ir;
using transform::VarSet;

namespace {

// The chain of perfectly nested loops from `outer` down, each starting at 0 with an extent free of
// the chain's variables; nullopt otherwise.
std::optional<std::vector<const For *>> perfectNest(const For &outer) {
  std::vector<const For *> loops;
  VarSet vars;
  const StmtNode *s = &outer;
  while (auto *f = s->as<For>()) {
    auto mn = asConstInt(f->min);
    if (!mn || *mn != 0)
      return std::nullopt;
    loops.push_back(f);
    vars.insert(f->var.get());
    s = f->body.get();
  }
  for (const For *f : loops)
    if (transform::usesAnyVar(f->extent, vars))
      return std::nullopt;
  return loops;
}

VarSet varsOf(const std::vector<const For *> &loops) {
  VarSet vars;
  for (const For *f : loops)
    vars.insert(f->var.get());
  return vars;
}

// Whether every index is `start` or `start + v` (v a loop variable, each at most once) and
// together they mention every loop variable: distinct iterations store distinct elements.
bool storesOneElementPerIteration(const Store &st, const VarSet &vars) {
  VarSet seen;
  for (const Expr &idx : st.indices) {
    auto d = transform::splitAffine(idx, vars);
    if (!d || (d->var && (d->coeff != 1 || !seen.insert(d->var).second)))
      return false;
  }
  return seen.size() == vars.size();
}

// Whether `e` reads `dst` only at `at`, and no index anywhere in `e` reads `dst`.
bool readsDstOnlyAt(const Expr &e, const Buffer &dst, const std::vector<Expr> &at) {
  class Checker : public IRVisitor {
  public:
    Checker(const Buffer &dst, const std::vector<Expr> &at) : dst_(dst), at_(at) {}
    bool ok = true;

  protected:
    void visitLoad(const Load &l) override {
      if (l.buffer == dst_)
        ok &= inIndex_ == 0 && transform::exprsEqual(l.indices, at_);
      ++inIndex_;
      IRVisitor::visitLoad(l);
      --inIndex_;
    }

  private:
    const Buffer &dst_;
    const std::vector<Expr> &at_;
    int inIndex_ = 0;
  } check(dst, at);
  check.visit(e);
  return check.ok;
}

bool iterationsAreIndependent(const std::vector<const For *> &loops) {
  auto *st = loops.back()->body->as<Store>();
  if (!st || st->isAtomic())
    return false;
  VarSet vars = varsOf(loops);
  if (!storesOneElementPerIteration(*st, vars) || !readsDstOnlyAt(st->value, st->buffer, st->indices))
    return false;
  for (const Expr &idx : st->indices)
    if (transform::hasLoad(idx))
      return false;
  return true;
}

// The same nest with every loop T.Parallel.
Stmt asParallelNest(const std::vector<const For *> &loops) {
  Stmt body = loops.back()->body;
  for (size_t l = loops.size(); l-- > 0;) {
    const For *f = loops[l];
    body = std::make_shared<For>(f->var, f->min, f->extent, ForKind::Parallel, body, f->loc);
  }
  return body;
}

bool isOneElementTile(const Buffer &b) {
  if (b->scope == Scope::Global)
    return false;
  for (const Expr &d : b->shape)
    if (auto n = asConstInt(d); !n || *n != 1)
      return false;
  return true;
}

class ScalarRaiser : public IRMutator {
public:
  explicit ScalarRaiser(PrimFunc &f) : f_(f) {}
  bool changed = false;

protected:
  Stmt mutateFor(const Stmt &s, const For &f) override {
    if (auto loops = perfectNest(f); loops && iterationsAreIndependent(*loops)) {
      bool allParallel = true;
      for (const For *l : *loops)
        allParallel &= l->forKind == ForKind::Parallel;
      if (allParallel) // raise-tile-ops' own case; it left it as written for a reason
        return s;
      changed = true;
      return asParallelNest(*loops);
    }
    if (f.forKind == ForKind::Parallel) // element code of a nest that stays scalar
      return s;
    return IRMutator::mutateFor(s, f);
  }

  Stmt mutateStore(const Stmt &s, const Store &st) override {
    if (st.isAtomic() || !readsDstOnlyAt(st.value, st.buffer, st.indices))
      return s;
    for (const Expr &idx : st.indices)
      if (transform::hasLoad(idx))
        return s;
    if (isOneElementTile(st.buffer)) {
      changed = true;
      return elementOp(regionAt(st.buffer, st.indices, st.loc), st.value, st.loc);
    }
    if (st.buffer->scope != Scope::Global || !readsDstOnlyAt(st.value, st.buffer, {}))
      return s; // (an empty index list matches no load of the tensor: it must not read it at all)
    // A tensor element: computed into a tile of its own, then copied out.
    changed = true;
    Buffer tile = freshTile(st.buffer->name + "_elem", st.buffer->dtype, st.loc);
    Region one = fullRegion(tile, st.loc);
    return seq({elementOp(one, st.value, st.loc),
                std::make_shared<Copy>(one, regionAt(st.buffer, st.indices, st.loc), st.loc)},
               st.loc);
  }

private:
  static Region regionAt(const Buffer &b, const std::vector<Expr> &indices, SourceLoc loc) {
    Region r{b, {}, {}, loc};
    for (const Expr &idx : indices) {
      r.starts.push_back(idx);
      r.extents.push_back(intImm(1, loc));
    }
    return r;
  }

  // A fill when the value reads nothing, else a map with one (unit) axis per dimension.
  static Stmt elementOp(const Region &dst, const Expr &value, SourceLoc loc) {
    if (!transform::hasLoad(value))
      return std::make_shared<Fill>(dst, value, loc);
    std::vector<Var> axes;
    for (size_t d = 0; d < dst.starts.size(); ++d)
      axes.push_back(var("_u" + std::to_string(d), DType::Int32, loc));
    return std::make_shared<Map>(std::move(axes), dst, value, loc);
  }

  Buffer freshTile(const std::string &base, DType t, SourceLoc loc) {
    return transform::newFragment(f_, base, {intImm(1, loc)}, t, loc);
  }

  PrimFunc &f_;
};

} // namespace

void raiseScalarCode(PrimFunc &f) {
  ScalarRaiser raiser(f);
  Stmt body = raiser.mutate(f.body);
  if (!raiser.changed)
    return;
  f.body = body;
  transform::raiseTileOps(f);
  transform::simplify(f);
}

} // namespace tilec::tt
