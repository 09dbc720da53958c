#include "transform/Analysis.h"

#include "ir/Accesses.h"
#include "ir/Functor.h"

namespace tilec::transform {

using namespace ir;

// ---- structural equality ----

bool exprsEqual(const std::vector<Expr> &a, const std::vector<Expr> &b) {
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!exprEqual(a[i], b[i]))
      return false;
  return true;
}

bool exprEqual(const Expr &a, const Expr &b) {
  if (a == b)
    return true;
  if (!a || !b || a->kind != b->kind || a->dtype != b->dtype)
    return false;
  switch (a->kind) {
  case ExprKind::IntImm: return a->as<IntImm>()->value == b->as<IntImm>()->value;
  case ExprKind::FloatImm: {
    // Compare bit patterns' meaning: NaN never equals NaN, which only makes us more conservative.
    return a->as<FloatImm>()->value == b->as<FloatImm>()->value;
  }
  case ExprKind::Var: return false; // identity only, checked above
  case ExprKind::Load: {
    auto *x = a->as<Load>(), *y = b->as<Load>();
    return x->buffer == y->buffer && exprsEqual(x->indices, y->indices);
  }
  case ExprKind::Binary: {
    auto *x = a->as<Binary>(), *y = b->as<Binary>();
    return x->op == y->op && exprEqual(x->a, y->a) && exprEqual(x->b, y->b);
  }
  case ExprKind::Unary: {
    auto *x = a->as<Unary>(), *y = b->as<Unary>();
    return x->op == y->op && exprEqual(x->a, y->a);
  }
  case ExprKind::Call: {
    auto *x = a->as<Call>(), *y = b->as<Call>();
    return x->name == y->name && exprsEqual(x->args, y->args);
  }
  case ExprKind::Cast: return exprEqual(a->as<Cast>()->value, b->as<Cast>()->value);
  case ExprKind::Select: {
    auto *x = a->as<Select>(), *y = b->as<Select>();
    return exprEqual(x->cond, y->cond) && exprEqual(x->a, y->a) && exprEqual(x->b, y->b);
  }
  }
  return false;
}

// ---- variable and load use ----

namespace {
class VarUseFinder : public IRVisitor {
public:
  explicit VarUseFinder(const VarSet &vars) : vars_(vars) {}
  bool found = false;

protected:
  void visitVar(const VarNode &v) override { found |= vars_.count(&v) > 0; }

private:
  const VarSet &vars_;
};

} // namespace

bool usesAnyVar(const Expr &e, const VarSet &vars) {
  if (vars.empty())
    return false;
  VarUseFinder f(vars);
  f.visit(e);
  return f.found;
}

bool hasLoad(const Expr &e) { return !accessesOf(e).empty(); }

// ---- linear forms ----

namespace {

bool addTerm(LinearForm &f, const Expr &atom, int64_t coeff) {
  for (auto it = f.terms.begin(); it != f.terms.end(); ++it) {
    if (!exprEqual(it->atom, atom))
      continue;
    if (__builtin_add_overflow(it->coeff, coeff, &it->coeff))
      return false;
    if (it->coeff == 0)
      f.terms.erase(it);
    return true;
  }
  if (coeff != 0)
    f.terms.push_back({atom, coeff});
  return true;
}

// f += scale * g
bool accumulate(LinearForm &f, const LinearForm &g, int64_t scale) {
  for (const LinearTerm &t : g.terms) {
    int64_t c;
    if (__builtin_mul_overflow(t.coeff, scale, &c) || !addTerm(f, t.atom, c))
      return false;
  }
  int64_t c;
  return !__builtin_mul_overflow(g.constant, scale, &c) &&
         !__builtin_add_overflow(f.constant, c, &f.constant);
}

LinearForm atomForm(const Expr &e) {
  LinearForm f;
  f.terms.push_back({e, 1});
  return f;
}

} // namespace

std::optional<LinearForm> linearize(const Expr &e) {
  if (!e || !isInt(e->dtype))
    return std::nullopt;
  if (auto *imm = e->as<IntImm>()) {
    LinearForm f;
    f.constant = imm->value;
    return f;
  }
  if (auto *u = e->as<Unary>(); u && u->op == UnaryOp::Neg) {
    auto a = linearize(u->a);
    LinearForm f;
    if (!a || !accumulate(f, *a, -1))
      return std::nullopt;
    return f;
  }
  auto *b = e->as<Binary>();
  if (!b || (b->op != BinaryOp::Add && b->op != BinaryOp::Sub && b->op != BinaryOp::Mul))
    return atomForm(e);
  auto la = linearize(b->a), lb = linearize(b->b);
  if (!la || !lb)
    return atomForm(e);
  LinearForm f;
  switch (b->op) {
  case BinaryOp::Add:
    if (!accumulate(f, *la, 1) || !accumulate(f, *lb, 1))
      return std::nullopt;
    return f;
  case BinaryOp::Sub:
    if (!accumulate(f, *la, 1) || !accumulate(f, *lb, -1))
      return std::nullopt;
    return f;
  default: // Mul: linear only when one side is a constant
    if (la->isConstant()) {
      if (!accumulate(f, *lb, la->constant))
        return std::nullopt;
      return f;
    }
    if (lb->isConstant()) {
      if (!accumulate(f, *la, lb->constant))
        return std::nullopt;
      return f;
    }
    return atomForm(e);
  }
}

Expr buildLinear(const LinearForm &f, DType dtype, SourceLoc loc) {
  auto imm = [&](int64_t v) -> Expr { return std::make_shared<IntImm>(v, dtype, loc); };
  auto bin = [&](BinaryOp op, Expr a, Expr b) -> Expr {
    return std::make_shared<Binary>(op, std::move(a), std::move(b), dtype, loc);
  };
  auto scaled = [&](const LinearTerm &t, int64_t magnitude) -> Expr {
    return magnitude == 1 ? t.atom : bin(BinaryOp::Mul, t.atom, imm(magnitude));
  };
  Expr acc;
  for (const LinearTerm &t : f.terms)
    if (t.coeff > 0)
      acc = acc ? bin(BinaryOp::Add, acc, scaled(t, t.coeff)) : scaled(t, t.coeff);
  int64_t constant = f.constant;
  if (!acc && constant > 0) { // `5 - i` rather than `-i + 5`
    acc = imm(constant);
    constant = 0;
  }
  for (const LinearTerm &t : f.terms) {
    if (t.coeff > 0)
      continue;
    if (acc && t.coeff != INT64_MIN)
      acc = bin(BinaryOp::Sub, acc, scaled(t, -t.coeff));
    else if (acc)
      acc = bin(BinaryOp::Add, acc, bin(BinaryOp::Mul, t.atom, imm(t.coeff)));
    else if (t.coeff == -1)
      acc = std::make_shared<Unary>(UnaryOp::Neg, t.atom, dtype, loc);
    else
      acc = bin(BinaryOp::Mul, t.atom, imm(t.coeff));
  }
  if (!acc)
    return imm(constant);
  if (constant > 0)
    return bin(BinaryOp::Add, acc, imm(constant));
  if (constant < 0 && constant != INT64_MIN)
    return bin(BinaryOp::Sub, acc, imm(-constant));
  if (constant < 0)
    return bin(BinaryOp::Add, acc, imm(constant));
  return acc;
}

std::optional<AffineIndex> splitAffine(const Expr &index, const VarSet &loopVars) {
  auto form = linearize(index);
  if (!form)
    return std::nullopt;
  AffineIndex out;
  LinearForm rest;
  rest.constant = form->constant;
  for (const LinearTerm &t : form->terms) {
    if (auto *v = t.atom->as<VarNode>(); v && loopVars.count(v)) {
      if (out.var)
        return std::nullopt; // two loop variables in one index
      out.var = v;
      out.coeff = t.coeff;
      continue;
    }
    if (usesAnyVar(t.atom, loopVars))
      return std::nullopt; // a loop variable under a non-linear operation
    rest.terms.push_back(t);
  }
  out.start = buildLinear(rest, index->dtype, index->loc);
  return out;
}

ir::Buffer newFragment(ir::PrimFunc &f, const std::string &base, std::vector<ir::Expr> shape,
                       ir::DType dtype, SourceLoc loc) {
  auto taken = [&](const std::string &name) {
    for (const auto *list : {&f.params, &f.allocs})
      for (const ir::Buffer &b : *list)
        if (b->name == name)
          return true;
    return false;
  };
  std::string name = base;
  for (int k = 1; taken(name); ++k)
    name = base + std::to_string(k);
  auto b = std::make_shared<ir::BufferNode>(name, std::move(shape), dtype, ir::Scope::Fragment, loc);
  f.allocs.push_back(b);
  return b;
}

} // namespace tilec::transform
