#include "ir/Functor.h"

namespace tilec::ir {

// ---- IRVisitor ----

void IRVisitor::visit(const Expr &e) {
  if (!e)
    return;
  switch (e->kind) {
  case ExprKind::IntImm: return visitIntImm(static_cast<const IntImm &>(*e));
  case ExprKind::FloatImm: return visitFloatImm(static_cast<const FloatImm &>(*e));
  case ExprKind::Var: return visitVar(static_cast<const VarNode &>(*e));
  case ExprKind::Load: return visitLoad(static_cast<const Load &>(*e));
  case ExprKind::Binary: return visitBinary(static_cast<const Binary &>(*e));
  case ExprKind::Unary: return visitUnary(static_cast<const Unary &>(*e));
  case ExprKind::Call: return visitCall(static_cast<const Call &>(*e));
  case ExprKind::Cast: return visitCast(static_cast<const Cast &>(*e));
  case ExprKind::Select: return visitSelect(static_cast<const Select &>(*e));
  }
}

void IRVisitor::visit(const Stmt &s) {
  if (!s)
    return;
  switch (s->kind) {
  case StmtKind::Seq: return visitSeq(static_cast<const Seq &>(*s));
  case StmtKind::For: return visitFor(static_cast<const For &>(*s));
  case StmtKind::Store: return visitStore(static_cast<const Store &>(*s));
  case StmtKind::LetStmt: return visitLetStmt(static_cast<const LetStmt &>(*s));
  case StmtKind::If: return visitIf(static_cast<const If &>(*s));
  case StmtKind::Evaluate: return visitEvaluate(static_cast<const Evaluate &>(*s));
  case StmtKind::Sync: return visitSync(static_cast<const Sync &>(*s));
  case StmtKind::Copy: return visitCopy(static_cast<const Copy &>(*s));
  case StmtKind::Gemm: return visitGemm(static_cast<const Gemm &>(*s));
  case StmtKind::Fill: return visitFill(static_cast<const Fill &>(*s));
  case StmtKind::Reduce: return visitReduce(static_cast<const Reduce &>(*s));
  case StmtKind::Map: return visitMap(static_cast<const Map &>(*s));
  }
}

void IRVisitor::visitRegion(const Region &r) {
  for (const Expr &e : r.starts) visit(e);
  for (const Expr &e : r.extents) visit(e);
}

void IRVisitor::visitLoad(const Load &e) {
  for (const Expr &i : e.indices) visit(i);
}
void IRVisitor::visitBinary(const Binary &e) { visit(e.a); visit(e.b); }
void IRVisitor::visitUnary(const Unary &e) { visit(e.a); }
void IRVisitor::visitCall(const Call &e) {
  for (const Expr &a : e.args) visit(a);
}
void IRVisitor::visitCast(const Cast &e) { visit(e.value); }
void IRVisitor::visitSelect(const Select &e) { visit(e.cond); visit(e.a); visit(e.b); }

void IRVisitor::visitSeq(const Seq &s) {
  for (const Stmt &x : s.stmts) visit(x);
}
void IRVisitor::visitFor(const For &s) { visit(s.min); visit(s.extent); visit(s.body); }
void IRVisitor::visitStore(const Store &s) {
  for (const Expr &i : s.indices) visit(i);
  visit(s.value);
}
void IRVisitor::visitLetStmt(const LetStmt &s) { visit(s.value); visit(s.body); }
void IRVisitor::visitIf(const If &s) { visit(s.cond); visit(s.thenBody); visit(s.elseBody); }
void IRVisitor::visitEvaluate(const Evaluate &s) { visit(s.value); }
void IRVisitor::visitCopy(const Copy &s) { visitRegion(s.src); visitRegion(s.dst); }
void IRVisitor::visitGemm(const Gemm &s) { visitRegion(s.a); visitRegion(s.b); visitRegion(s.c); }
void IRVisitor::visitFill(const Fill &s) { visitRegion(s.dst); visit(s.value); }
void IRVisitor::visitReduce(const Reduce &s) { visitRegion(s.src); visitRegion(s.dst); }
void IRVisitor::visitMap(const Map &s) { visitRegion(s.dst); visit(s.value); }

// ---- IRMutator ----

Expr IRMutator::mutate(const Expr &e) {
  if (!e)
    return e;
  switch (e->kind) {
  case ExprKind::IntImm: return mutateIntImm(e);
  case ExprKind::FloatImm: return mutateFloatImm(e);
  case ExprKind::Var: return mutateVar(e);
  case ExprKind::Load: return mutateLoad(e, static_cast<const Load &>(*e));
  case ExprKind::Binary: return mutateBinary(e, static_cast<const Binary &>(*e));
  case ExprKind::Unary: return mutateUnary(e, static_cast<const Unary &>(*e));
  case ExprKind::Call: return mutateCall(e, static_cast<const Call &>(*e));
  case ExprKind::Cast: return mutateCast(e, static_cast<const Cast &>(*e));
  case ExprKind::Select: return mutateSelect(e, static_cast<const Select &>(*e));
  }
  return e;
}

Stmt IRMutator::mutate(const Stmt &s) {
  if (!s)
    return s;
  switch (s->kind) {
  case StmtKind::Seq: return mutateSeq(s, static_cast<const Seq &>(*s));
  case StmtKind::For: return mutateFor(s, static_cast<const For &>(*s));
  case StmtKind::Store: return mutateStore(s, static_cast<const Store &>(*s));
  case StmtKind::LetStmt: return mutateLetStmt(s, static_cast<const LetStmt &>(*s));
  case StmtKind::If: return mutateIf(s, static_cast<const If &>(*s));
  case StmtKind::Evaluate: return mutateEvaluate(s, static_cast<const Evaluate &>(*s));
  case StmtKind::Sync: return mutateSync(s);
  case StmtKind::Copy: return mutateCopy(s, static_cast<const Copy &>(*s));
  case StmtKind::Gemm: return mutateGemm(s, static_cast<const Gemm &>(*s));
  case StmtKind::Fill: return mutateFill(s, static_cast<const Fill &>(*s));
  case StmtKind::Reduce: return mutateReduce(s, static_cast<const Reduce &>(*s));
  case StmtKind::Map: return mutateMap(s, static_cast<const Map &>(*s));
  }
  return s;
}

std::vector<Expr> IRMutator::mutateAll(const std::vector<Expr> &es, bool &changed) {
  std::vector<Expr> out;
  out.reserve(es.size());
  for (const Expr &e : es) {
    out.push_back(mutate(e));
    changed |= out.back() != e;
  }
  return out;
}

Region IRMutator::mutateRegion(const Region &r) {
  bool changed = false;
  Region out{r.buffer, mutateAll(r.starts, changed), mutateAll(r.extents, changed), r.loc};
  return changed ? out : r;
}

static bool sameRegion(const Region &a, const Region &b) {
  return a.buffer == b.buffer && a.starts == b.starts && a.extents == b.extents;
}

Expr IRMutator::mutateLoad(const Expr &e, const Load &n) {
  bool changed = false;
  auto idx = mutateAll(n.indices, changed);
  return changed ? std::make_shared<Load>(n.buffer, std::move(idx), n.loc) : e;
}

Expr IRMutator::mutateBinary(const Expr &e, const Binary &n) {
  Expr a = mutate(n.a), b = mutate(n.b);
  if (a == n.a && b == n.b)
    return e;
  return std::make_shared<Binary>(n.op, a, b, n.dtype, n.loc);
}

Expr IRMutator::mutateUnary(const Expr &e, const Unary &n) {
  Expr a = mutate(n.a);
  return a == n.a ? e : std::make_shared<Unary>(n.op, a, n.dtype, n.loc);
}

Expr IRMutator::mutateCall(const Expr &e, const Call &n) {
  bool changed = false;
  auto args = mutateAll(n.args, changed);
  return changed ? std::make_shared<Call>(n.name, std::move(args), n.dtype, n.loc) : e;
}

Expr IRMutator::mutateCast(const Expr &e, const Cast &n) {
  Expr v = mutate(n.value);
  return v == n.value ? e : std::make_shared<Cast>(n.dtype, v, n.loc);
}

Expr IRMutator::mutateSelect(const Expr &e, const Select &n) {
  Expr c = mutate(n.cond), a = mutate(n.a), b = mutate(n.b);
  if (c == n.cond && a == n.a && b == n.b)
    return e;
  return std::make_shared<Select>(c, a, b, n.loc);
}

Stmt IRMutator::mutateSeq(const Stmt &s, const Seq &n) {
  std::vector<Stmt> out;
  bool changed = false;
  for (const Stmt &x : n.stmts) {
    out.push_back(mutate(x));
    changed |= out.back() != x;
  }
  return changed ? seq(std::move(out), n.loc) : s;
}

Stmt IRMutator::mutateFor(const Stmt &s, const For &n) {
  Expr mn = mutate(n.min), ext = mutate(n.extent);
  Stmt body = mutate(n.body);
  if (mn == n.min && ext == n.extent && body == n.body)
    return s;
  return std::make_shared<For>(n.var, mn, ext, n.forKind, body, n.loc, n.numStages);
}

Stmt IRMutator::mutateStore(const Stmt &s, const Store &n) {
  bool changed = false;
  auto idx = mutateAll(n.indices, changed);
  Expr v = mutate(n.value);
  if (!changed && v == n.value)
    return s;
  return std::make_shared<Store>(n.buffer, std::move(idx), v, n.loc);
}

Stmt IRMutator::mutateLetStmt(const Stmt &s, const LetStmt &n) {
  Expr v = mutate(n.value);
  Stmt b = mutate(n.body);
  if (v == n.value && b == n.body)
    return s;
  return std::make_shared<LetStmt>(n.var, v, b, n.loc);
}

Stmt IRMutator::mutateIf(const Stmt &s, const If &n) {
  Expr c = mutate(n.cond);
  Stmt t = mutate(n.thenBody), e = mutate(n.elseBody);
  if (c == n.cond && t == n.thenBody && e == n.elseBody)
    return s;
  return std::make_shared<If>(c, t, e, n.loc);
}

Stmt IRMutator::mutateEvaluate(const Stmt &s, const Evaluate &n) {
  Expr v = mutate(n.value);
  return v == n.value ? s : std::make_shared<Evaluate>(v, n.loc);
}

Stmt IRMutator::mutateCopy(const Stmt &s, const Copy &n) {
  Region src = mutateRegion(n.src), dst = mutateRegion(n.dst);
  if (sameRegion(src, n.src) && sameRegion(dst, n.dst))
    return s;
  return std::make_shared<Copy>(src, dst, n.loc);
}

Stmt IRMutator::mutateGemm(const Stmt &s, const Gemm &n) {
  Region a = mutateRegion(n.a), b = mutateRegion(n.b), c = mutateRegion(n.c);
  if (sameRegion(a, n.a) && sameRegion(b, n.b) && sameRegion(c, n.c))
    return s;
  auto g = std::make_shared<Gemm>(a, b, c, n.transposeA, n.transposeB, n.loc);
  g->clearAccum = n.clearAccum;
  return g;
}

Stmt IRMutator::mutateFill(const Stmt &s, const Fill &n) {
  Region d = mutateRegion(n.dst);
  Expr v = mutate(n.value);
  if (sameRegion(d, n.dst) && v == n.value)
    return s;
  return std::make_shared<Fill>(d, v, n.loc);
}

Stmt IRMutator::mutateReduce(const Stmt &s, const Reduce &n) {
  Region src = mutateRegion(n.src), dst = mutateRegion(n.dst);
  if (sameRegion(src, n.src) && sameRegion(dst, n.dst))
    return s;
  return std::make_shared<Reduce>(n.reduceKind, src, dst, n.dim, n.clear, n.loc);
}

Stmt IRMutator::mutateMap(const Stmt &s, const Map &n) {
  Region d = mutateRegion(n.dst);
  Expr v = mutate(n.value);
  if (sameRegion(d, n.dst) && v == n.value)
    return s;
  return std::make_shared<Map>(n.axes, d, v, n.loc);
}

// ---- substitution ----

namespace {
class Substituter : public IRMutator {
public:
  explicit Substituter(const std::map<const VarNode *, Expr> &m) : vmap_(m) {}

protected:
  Expr mutateVar(const Expr &e) override {
    auto it = vmap_.find(static_cast<const VarNode *>(e.get()));
    return it == vmap_.end() ? e : it->second;
  }

private:
  const std::map<const VarNode *, Expr> &vmap_;
};
} // namespace

Expr substitute(const Expr &e, const std::map<const VarNode *, Expr> &vmap) {
  return Substituter(vmap).mutate(e);
}
Stmt substitute(const Stmt &s, const std::map<const VarNode *, Expr> &vmap) {
  return Substituter(vmap).mutate(s);
}

} // namespace tilec::ir
