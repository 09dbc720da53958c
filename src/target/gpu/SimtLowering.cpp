// lower-to-simt's tools for buffers, index ranges and memory accesses (SimtLowering.h).
#include "target/gpu/SimtLowering.h"

#include "ir/Functor.h"

namespace tilec::gpu {

using namespace ir;
using sx::i32;
using sx::plus;
using sx::times;

SimtLowering::SimtLowering(const PrimFunc &f, const FragmentPlan &plan, const GpuOptions &opts)
    : f_(f), plan_(plan), opts_(opts) {
  k_.loc = f_.loc;
  k_.params = f_.params;
  k_.sizeVars = f_.sizeVars;
  k_.grid = f_.grid;
  k_.blockVars = f_.blockVars;
  k_.threads = f_.threads;
  k_.threadIdx = tx_ = var("tx");
  ranges_[tx_.get()] = {0, f_.threads - 1};
  for (size_t d = 0; d < f_.grid.size(); ++d)
    if (auto g = asConstInt(f_.grid[d]))
      ranges_[f_.blockVars[d].get()] = {0, *g - 1};
  pipelines_ = planPipelines(*this, f_.body);
  declareBuffers();
}

// ---------------------------------------------------------------- buffers

LayoutPtr SimtLowering::layoutOf(const Buffer &b) const {
  auto it = plan_.layouts.find(b.get());
  return it == plan_.layouts.end() ? nullptr : it->second;
}

bool SimtLowering::isShared(const Buffer &b) const {
  return b->scope == Scope::Shared || plan_.promoted.count(b.get()) > 0;
}

bool SimtLowering::distributed(const Buffer &b) const {
  LayoutPtr l = layoutOf(b);
  return l && l->kind != Layout::Kind::Replicated;
}

void SimtLowering::declareBuffers() {
  for (const Buffer &b : f_.allocs) {
    if (isShared(b)) {
      auto shape = constShape(b);
      if (!shape)
        fail(b->loc, "shared tile '" + b->name + "' needs a shape known at compile time");
      if (int s = stagesOf(b); s > 1)
        shape->insert(shape->begin(), s);
      simt_[b.get()] = makeBuffer(b->name, *shape, b->dtype, Scope::Shared);
      k_.shared.push_back(simt_[b.get()]);
    } else if (LayoutPtr l = layoutOf(b)) {
      simt_[b.get()] = makeBuffer(b->name, {l->regs()}, b->dtype, Scope::Local);
      k_.registers.push_back(simt_[b.get()]);
    }
  }
}

int SimtLowering::stagesOf(const Buffer &b) const {
  auto it = pipelines_.stages.find(b.get());
  return it == pipelines_.stages.end() ? 1 : it->second;
}

// A per-thread scalar (rank-0 register), created on first use. simt_ is keyed by address, so
// the tile buffer is kept alive with it: a temporary one (the accumulator nestFromReduce makes
// for each reduction) is freed with its nest, and a later temporary allocated at the same
// address would otherwise be given this register, making the output depend on the heap.
Buffer SimtLowering::scalarRegister(const Buffer &tileBuf) {
  auto it = simt_.find(tileBuf.get());
  if (it != simt_.end())
    return it->second;
  Buffer r = makeBuffer(tileBuf->name, {}, tileBuf->dtype, Scope::Local);
  k_.registers.push_back(r);
  keptAlive_.push_back(tileBuf);
  return simt_[tileBuf.get()] = r;
}

Buffer SimtLowering::newRegisters(const std::string &name, int64_t n, DType t) {
  Buffer r = makeBuffer(uniqueName(name), {n}, t, Scope::Local);
  k_.registers.push_back(r);
  return r;
}

Buffer SimtLowering::newShared(const std::string &name, std::vector<int64_t> shape, DType t) {
  Buffer b = makeBuffer(uniqueName(name), std::move(shape), t, Scope::Shared);
  k_.shared.push_back(b);
  return b;
}

Buffer SimtLowering::newScalarRegister(const std::string &name, DType t) {
  Buffer r = makeBuffer(uniqueName(name), {}, t, Scope::Local);
  k_.registers.push_back(r);
  return r;
}

std::string SimtLowering::uniqueName(const std::string &base) {
  std::string name = base;
  for (int i = 1; usedNames_.count(name); ++i)
    name = base + std::to_string(i);
  usedNames_.insert(name);
  return name;
}

std::vector<Expr> SimtLowering::sharedIndices(const Buffer &b, std::vector<Expr> idx, const StageIndex &stages) const {
  if (stagesOf(b) > 1) {
    auto it = stages.find(b.get());
    idx.insert(idx.begin(), it == stages.end() ? i32(0) : it->second);
  }
  return idx;
}

// ---------------------------------------------------------------- ranges and guards

std::optional<Range> SimtLowering::rangeOf(const Expr &e) const {
  if (auto v = asConstInt(e))
    return Range{*v, *v};
  if (auto *v = e->as<VarNode>()) {
    auto it = ranges_.find(v);
    return it == ranges_.end() ? std::nullopt : std::optional<Range>(it->second);
  }
  auto *b = e->as<Binary>();
  if (!b || !isInt(b->dtype))
    return std::nullopt;
  auto x = rangeOf(b->a), y = rangeOf(b->b);
  if (!x || !y)
    return std::nullopt;
  switch (b->op) {
  case BinaryOp::Add: return Range{x->first + y->first, x->second + y->second};
  case BinaryOp::Sub: return Range{x->first - y->second, x->second - y->first};
  case BinaryOp::Mul:
    if (x->first < 0 || y->first < 0)
      return std::nullopt;
    return Range{x->first * y->first, x->second * y->second};
  case BinaryOp::FloorDiv:
    if (x->first < 0 || y->first <= 0 || y->first != y->second)
      return std::nullopt;
    return Range{x->first / y->first, x->second / y->first};
  case BinaryOp::FloorMod:
    if (x->first < 0 || y->first <= 0 || y->first != y->second)
      return std::nullopt;
    return x->second < y->first ? *x : Range{0, y->first - 1};
  default: return std::nullopt;
  }
}

void SimtLowering::setRange(const Var &v, const Expr &min, const Expr &extent) {
  auto lo = rangeOf(min), n = rangeOf(extent);
  if (lo && n)
    ranges_[v.get()] = {lo->first, lo->second + n->second - 1};
}

Expr SimtLowering::inBounds(const Buffer &global, const std::vector<Expr> &idx, int lastLanes) const {
  Expr cond;
  for (size_t d = 0; d < idx.size(); ++d) {
    auto r = rangeOf(idx[d]);
    auto n = asConstInt(global->shape[d]);
    int64_t extra = d + 1 == idx.size() ? lastLanes - 1 : 0;
    if (r && n && r->first >= 0 && r->second + extra < *n)
      continue;
    cond = sx::land(cond, sx::lt(idx[d], global->shape[d]));
  }
  return cond;
}

// ---------------------------------------------------------------- expressions

namespace {

class ExprRewriter : public IRMutator {
public:
  ExprRewriter(SimtLowering &cx, const Place &at) : cx_(cx), at_(at) {}

protected:
  Expr mutateLoad(const Expr &, const Load &n) override {
    std::vector<Expr> idx;
    for (const Expr &i : n.indices)
      idx.push_back(fold(mutate(i)));
    return cx_.loadFrom(n.buffer, idx, at_);
  }

private:
  SimtLowering &cx_;
  const Place &at_;
};

} // namespace

Expr SimtLowering::rewrite(const Expr &e, const Place &at) { return fold(ExprRewriter(*this, at).mutate(e)); }

// The register of a fragment element.
Expr SimtLowering::registerIndex(const Buffer &b, const std::vector<Expr> &idx, const NestCtx *nest) const {
  LayoutPtr l = layoutOf(b);
  if (l->kind == Layout::Kind::Replicated) {
    Expr flat = i32(0);
    for (size_t d = 0; d < idx.size(); ++d)
      flat = plus(times(flat, i32(l->replShape[d])), idx[d]);
    return flat;
  }
  Expr r = nest && nest->layout ? registerFor(*nest->layout, nest->driverIdx, nest->reg, *l, idx) : nullptr;
  if (!r) // layout inference checks every nest against registerFor; this is a compiler bug
    fail(nest ? nest->loc : f_.loc, "fragment '" + b->name + "' is accessed here by threads that do not hold " +
                                        "it, and layout inference did not move it to shared memory (a tilec bug)");
  return r;
}

Expr SimtLowering::loadFrom(const Buffer &b, const std::vector<Expr> &idx, const Place &at) {
  if (b->scope == Scope::Global) {
    Expr value = sx::ld(b, idx);
    Expr ok = inBounds(b, idx);
    return ok ? Expr(std::make_shared<Select>(ok, value, sx::cast(b->dtype, floatImm(0)))) : value;
  }
  if (isShared(b))
    return sx::ld(simt(b), sharedIndices(b, idx, at.stages));
  if (b->rank() == 0 && !layoutOf(b))
    return sx::ld(scalarRegister(b), {});
  return sx::ld(simt(b), {registerIndex(b, idx, at.nest)});
}

SStmt SimtLowering::storeTo(const Buffer &b, const std::vector<Expr> &idx, const Expr &value, const Place &at,
                            ir::AtomicOp atomic, SourceLoc loc) {
  if (b->scope == Scope::Global)
    return sif(inBounds(b, idx), sstore(b, idx, value, atomic));
  if (isShared(b))
    return sstore(simt(b), sharedIndices(b, idx, at.stages), value, atomic);
  if (atomic != ir::AtomicOp::None) // the front end allows atomics on global and shared memory only
    fail(loc, std::string("internal error: ") + ir::atomicOpName(atomic) + " on the register tile " + b->name);
  if (b->rank() == 0 && !layoutOf(b))
    return sstore(scalarRegister(b), {}, value);
  return sstore(simt(b), {registerIndex(b, idx, at.nest)}, value);
}

// ---------------------------------------------------------------- statements in a thread

SStmt SimtLowering::lowerThreadStmt(const Stmt &s, const Place &at) {
  switch (s->kind) {
  case StmtKind::Seq: {
    std::vector<SStmt> out;
    for (const Stmt &c : s->as<Seq>()->stmts)
      out.push_back(lowerThreadStmt(c, at));
    return sseq(std::move(out));
  }
  case StmtKind::For: {
    auto *n = s->as<For>();
    Expr mn = rewrite(n->min, at), ext = rewrite(n->extent, at);
    setRange(n->var, mn, ext);
    return sfor(n->var, mn, ext, n->forKind == ForKind::Unrolled, lowerThreadStmt(n->body, at));
  }
  case StmtKind::LetStmt: {
    auto *n = s->as<LetStmt>();
    Expr v = rewrite(n->value, at);
    if (auto r = rangeOf(v))
      ranges_[n->var.get()] = *r;
    return std::make_shared<SLet>(n->var, v, lowerThreadStmt(n->body, at));
  }
  case StmtKind::If: {
    auto *n = s->as<If>();
    return std::make_shared<SIf>(rewrite(n->cond, at), lowerThreadStmt(n->thenBody, at),
                                 n->elseBody ? lowerThreadStmt(n->elseBody, at) : nullptr);
  }
  case StmtKind::While: { // each thread loops on its own condition
    auto *n = s->as<While>();
    return std::make_shared<SWhile>(rewrite(n->cond, at), lowerThreadStmt(n->body, at));
  }
  case StmtKind::Store: {
    auto *n = s->as<Store>();
    std::vector<Expr> idx;
    for (const Expr &i : n->indices)
      idx.push_back(rewrite(i, at));
    return storeTo(n->buffer, idx, rewrite(n->value, at), at, n->atomic, n->loc);
  }
  case StmtKind::Evaluate: return nullptr;
  default:
    fail(s->loc, "the GPU backend does not support this statement inside T.Parallel (tile ops and "
                 "T.syncthreads() belong outside the nest)");
  }
}

} // namespace tilec::gpu
