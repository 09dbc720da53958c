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

// The DRAM reads of a kernel, each with the block indices it depends on. A read depends on a block
// index through its region, and also through every loop, let and `if` around it whose bounds, value
// or condition does: a K loop of `T.ceildiv((bx + 1) * 32, 32)` steps (causal attention) runs a
// different number of times on each core of a row, so its reads are not in step along the row even
// though their regions never mention bx.
struct BlockDependentReads : IRVisitor {
  struct Read {
    const Copy *copy;
    bool onX, onY;
  };
  std::vector<Read> reads;

  BlockDependentReads(const Var &bx, const Var &by) : onX_({bx}), onY_({by}) {}

protected:
  void visitCopy(const Copy &c) override {
    if (c.src.buffer->scope != Scope::Global || c.dst.buffer->scope == Scope::Global)
      return;
    reads.push_back({&c, regionMentions(c.src, onX_) || control_.x, regionMentions(c.src, onY_) || control_.y});
  }
  void visitFor(const For &f) override {
    bool x = mentions(f.min, onX_) || mentions(f.extent, onX_), y = mentions(f.min, onY_) || mentions(f.extent, onY_);
    within(x, y, f.var, [&] { visit(f.body); });
  }
  void visitLetStmt(const LetStmt &l) override {
    within(false, false, nullptr, [&] {
      if (mentions(l.value, onX_))
        onX_.push_back(l.var);
      if (mentions(l.value, onY_))
        onY_.push_back(l.var);
      visit(l.body);
    });
  }
  void visitIf(const If &i) override {
    within(mentions(i.cond, onX_), mentions(i.cond, onY_), nullptr, [&] {
      visit(i.thenBody);
      if (i.elseBody)
        visit(i.elseBody);
    });
  }

private:
  std::vector<Var> onX_, onY_; // the block index and the variables derived from it
  struct {
    bool x = false, y = false;
  } control_; // whether the statements here run a block-dependent number of times

  template <class Body> void within(bool x, bool y, const Var &loopVar, Body body) {
    auto saved = control_;
    size_t nx = onX_.size(), ny = onY_.size();
    control_.x |= x;
    control_.y |= y;
    if (loopVar && x)
      onX_.push_back(loopVar);
    if (loopVar && y)
      onY_.push_back(loopVar);
    body();
    control_ = saved;
    onX_.resize(nx);
    onY_.resize(ny);
  }

  static bool regionMentions(const Region &r, const std::vector<Var> &vars) {
    for (const Expr &e : r.starts)
      if (mentions(e, vars))
        return true;
    return false;
  }
};

} // namespace

void planMulticast(TTProgram &p) {
  const SchedulePlan &s = p.schedule;
  const PrimFunc &f = *p.func;
  if (s.policy != "block_linear" || f.blockVars.size() < 2 || !s.gridConst[0] || !s.gridConst[1])
    return;
  if (*s.gridConst[0] % s.coresX || *s.gridConst[1] % s.coresY)
    return; // unequal rectangles: cores would fall out of step
  BlockDependentReads finder(f.blockVars[0], f.blockVars[1]);
  finder.visit(f.body);
  for (const auto &[c, onX, onY] : finder.reads) {
    const CbPlan *cb = p.cbFor(c->dst.buffer);
    if (!cb || cb->role != CbRole::Input || c->src.buffer->dtype != c->dst.buffer->dtype)
      continue; // (a widened read is converted in the reader's L1 after its read: not multicast)
    McastPlan m;
    m.copy = c;
    m.prefix = cxxName(c->dst.buffer);
    int earlier = 0; // copies into the same tile on other paths (branches of a block-uniform `if`)
    for (const McastPlan &o : p.mcasts)
      earlier += o.copy->as<Copy>()->dst.buffer == c->dst.buffer;
    if (earlier)
      m.prefix += "_" + std::to_string(earlier + 1);
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
