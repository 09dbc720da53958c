// Let-bound scalars inside a T.Parallel nest (`x = C[i, j] + bias[j]; C[i, j] = f(x)`) are
// substituted into their uses, so that the nest becomes a pure element-wise statement the
// raise-tile-ops pass can turn into a Map. Recomputing x per use costs SFPU work, not correctness.
#include "ir/Functor.h"
#include "target/tt/Passes.h"
#include "transform/Passes.h"

namespace tilec::tt {

using namespace ir;

namespace {

class LetInliner : public IRMutator {
public:
  bool changed = false;

protected:
  Stmt mutateFor(const Stmt &s, const For &f) override {
    if (f.forKind != ForKind::Parallel)
      return IRMutator::mutateFor(s, f);
    ++depth_;
    Stmt out = IRMutator::mutateFor(s, f);
    --depth_;
    return out;
  }
  Stmt mutateLetStmt(const Stmt &s, const LetStmt &l) override {
    if (depth_ == 0)
      return IRMutator::mutateLetStmt(s, l);
    changed = true;
    Stmt body = mutate(l.body);
    return substitute(body, {{l.var.get(), mutate(l.value)}});
  }

private:
  int depth_ = 0;
};

} // namespace

void inlineParallelLets(PrimFunc &f) {
  LetInliner inliner;
  Stmt body = inliner.mutate(f.body);
  if (!inliner.changed)
    return;
  f.body = body;
  transform::raiseTileOps(f);
  transform::simplify(f);
}

} // namespace tilec::tt
