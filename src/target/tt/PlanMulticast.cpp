// Multicast planning (docs/TT_BACKEND.md, "Multicast"). With block_linear every core of a
// core row walks the same `by` at the same step and every core of a core column the same `bx`, so
// a block whose DRAM region depends on `by` only (GEMM's A) is the same across the row and one
// depending on `bx` only (B) the same down the column. The first core of the row (column) reads it
// from DRAM and multicasts it into the same CB slot of the others, who signal through semaphores
// that their slot is reserved; DRAM traffic for such operands drops by the row (column) length.
// Requires equal rectangles on every core (the core grid divides the block grid) — the work
// distribution pass shrinks the core grid to make it so.
#include "ir/Functor.h"
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include <fmt/format.h>

namespace tilec::tt {

using namespace ir;

namespace {

bool regionMentions(const Region &r, const Var &v) {
  for (const Expr &e : r.starts)
    if (mentions(e, {v}))
      return true;
  return false;
}

} // namespace

void planMulticast(TTProgram &p) {
  const SchedulePlan &s = p.schedule;
  const PrimFunc &f = *p.func;
  if (s.policy != "block_linear" || f.blockVars.size() < 2 || !s.gridConst[0] || !s.gridConst[1])
    return;
  if (*s.gridConst[0] % s.coresX || *s.gridConst[1] % s.coresY)
    return; // unequal rectangles: cores would fall out of step
  struct Finder : IRVisitor {
    std::vector<const Copy *> reads;
    void visitCopy(const Copy &c) override {
      if (c.src.buffer->scope == Scope::Global && c.dst.buffer->scope != Scope::Global)
        reads.push_back(&c);
    }
  } finder;
  finder.visit(f.body);
  const Var &bx = f.blockVars[0], &by = f.blockVars[1];
  for (const Copy *c : finder.reads) {
    const CbPlan *cb = p.cbFor(c->dst.buffer);
    if (!cb || cb->role != CbRole::Input)
      continue;
    bool onX = regionMentions(c->src, bx), onY = regionMentions(c->src, by);
    McastPlan m;
    m.copy = c;
    m.prefix = cxxName(c->dst.buffer);
    if (onY && !onX && s.coresX > 1)
      m.alongRow = true;
    else if (onX && !onY && s.coresY > 1)
      m.alongRow = false;
    else
      continue;
    m.inWriter = !m.alongRow;
    p.mcasts.push_back(m);
  }
}

} // namespace tilec::tt
