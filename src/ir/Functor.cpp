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
  case StmtKind::While: return visitWhile(static_cast<const While &>(*s));
  case StmtKind::Evaluate: return visitEvaluate(static_cast<const Evaluate &>(*s));
  case StmtKind::Sync: return visitSync(static_cast<const Sync &>(*s));
#define TILEC_TILE_OP(Name) \
  case StmtKind::Name: return visit##Name(static_cast<const Name &>(*s));
#include "ir/ops/TileOps.def"
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
void IRVisitor::visitWhile(const While &s) { visit(s.cond); visit(s.body); }
void IRVisitor::visitEvaluate(const Evaluate &s) { visit(s.value); }
void IRVisitor::visitTileOp(const TileOp &op) {
  for (const Operand &o : op.operands()) visitRegion(*o.region);
  for (const Expr &v : op.values()) visit(v);
}

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
  case StmtKind::While: return mutateWhile(s, static_cast<const While &>(*s));
  case StmtKind::Evaluate: return mutateEvaluate(s, static_cast<const Evaluate &>(*s));
  case StmtKind::Sync: return mutateSync(s);
#define TILEC_TILE_OP(Name) \
  case StmtKind::Name: return mutate##Name(s, static_cast<const Name &>(*s));
#include "ir/ops/TileOps.def"
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
  return std::make_shared<Store>(n.buffer, std::move(idx), v, n.loc, n.atomic);
}

Stmt IRMutator::mutateLetStmt(const Stmt &s, const LetStmt &n) {
  Expr v = mutate(n.value);
  Stmt b = mutate(n.body);
  if (v == n.value && b == n.body)
    return s;
  return std::make_shared<LetStmt>(n.var, v, b, n.loc);
}

Stmt IRMutator::mutateWhile(const Stmt &s, const While &n) {
  Expr c = mutate(n.cond);
  Stmt b = mutate(n.body);
  if (c == n.cond && b == n.body)
    return s;
  return std::make_shared<While>(c, b, n.loc);
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

Stmt IRMutator::mutateTileOp(const Stmt &s, const TileOp &op) {
  bool changed = false;
  std::vector<Region> regions;
  for (const Operand &o : op.operands()) {
    regions.push_back(mutateRegion(*o.region));
    changed |= !sameRegion(regions.back(), *o.region);
  }
  std::vector<Expr> values = mutateAll(op.values(), changed);
  return changed ? op.rebuild(std::move(regions), std::move(values)) : s;
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
