// simplify: constant folding and canonical index arithmetic.
//
// Expressions
//   - folds int/float arithmetic, comparisons, min/max, casts and selects on constants, with
//     Python semantics for `//` and `%` (floor division, remainder takes the divisor's sign);
//     never folds what would overflow int64 or divide by zero (the verifier reports those);
//   - applies identities that keep the dtype: x + 0, x - 0, x * 1, x * 0 (ints), x // 1, x % 1,
//     min(x, x), `True and x`, ...;
//   - rewrites integer + - * into one canonical linear form (Analysis.h): terms in order of first
//     appearance, positive before negative, constant last: `(k + 1) * 32 - 32` → `k * 32`; a
//     floor division whose numerator is an exact multiple of a constant divisor is divided out.
// Statements
//   - loops of constant extent 1 become their body with the variable replaced by the loop's min;
//     loops of extent <= 0 and ifs with constant conditions disappear;
//   - `let` of a pure scalar (no load, no call) is inlined, so index arithmetic written through
//     helper variables (`row = by * 32 + i`) is visible to region inference and raising;
//   - loop bounds, region starts/extents, buffer shapes and the grid are simplified.
// Output is deterministic: the printed IR is pinned by lit tests.
#include "ir/Functor.h"
#include "ir/IntArith.h"
#include "transform/Analysis.h"
#include "transform/Passes.h"

#include <cmath>

namespace tilec::transform {

using namespace ir;

namespace {

std::optional<double> constNumber(const Expr &e) {
  if (auto *i = e->as<IntImm>())
    return static_cast<double>(i->value);
  if (auto *f = e->as<FloatImm>())
    return f->value;
  return std::nullopt;
}

bool isIntConst(const Expr &e, int64_t v) {
  auto c = asConstInt(e);
  return c && *c == v && isInt(e->dtype);
}

bool isConstValue(const Expr &e, double v) {
  auto c = constNumber(e);
  return c && *c == v && e->dtype != DType::Bool;
}

Expr makeInt(int64_t v, DType t, SourceLoc loc) { return std::make_shared<IntImm>(v, t, loc); }

Expr makeBool(bool v, SourceLoc loc) { return std::make_shared<IntImm>(v ? 1 : 0, DType::Bool, loc); }


std::optional<int64_t> intPow(int64_t base, int64_t exp) {
  if (exp < 0)
    return std::nullopt;
  int64_t result = 1;
  for (int64_t i = 0; i < exp; ++i)
    if (__builtin_mul_overflow(result, base, &result))
      return std::nullopt;
  return result;
}

template <class T> std::optional<bool> compare(BinaryOp op, T a, T b) {
  switch (op) {
  case BinaryOp::Lt: return a < b;
  case BinaryOp::Le: return a <= b;
  case BinaryOp::Gt: return a > b;
  case BinaryOp::Ge: return a >= b;
  case BinaryOp::Eq: return a == b;
  case BinaryOp::Ne: return a != b;
  default: return std::nullopt;
  }
}

// Both operands integer constants and an integer (or bool) result.
std::optional<Expr> foldInt(const Binary &n, int64_t a, int64_t b) {
  int64_t r = 0;
  bool ok = true;
  switch (n.op) {
  case BinaryOp::Add: ok = !__builtin_add_overflow(a, b, &r); break;
  case BinaryOp::Sub: ok = !__builtin_sub_overflow(a, b, &r); break;
  case BinaryOp::Mul: ok = !__builtin_mul_overflow(a, b, &r); break;
  case BinaryOp::FloorDiv: {
    auto q = checkedFloorDiv(a, b);
    ok = q.has_value();
    r = q.value_or(0);
    break;
  }
  case BinaryOp::FloorMod: {
    auto m = checkedFloorMod(a, b);
    ok = m.has_value();
    r = m.value_or(0);
    break;
  }
  case BinaryOp::Min: r = std::min(a, b); break;
  case BinaryOp::Max: r = std::max(a, b); break;
  case BinaryOp::Pow: {
    auto p = intPow(a, b);
    ok = p.has_value();
    r = p.value_or(0);
    break;
  }
  case BinaryOp::And: return makeBool(a && b, n.loc);
  case BinaryOp::Or: return makeBool(a || b, n.loc);
  default:
    if (auto c = compare(n.op, a, b))
      return makeBool(*c, n.loc);
    return std::nullopt;
  }
  if (!ok)
    return std::nullopt;
  return makeInt(r, n.dtype, n.loc);
}

// At least one operand a float constant (or an int true division): fold in double precision.
std::optional<Expr> foldFloat(const Binary &n, double a, double b) {
  if (auto c = compare(n.op, a, b))
    return makeBool(*c, n.loc);
  double r;
  switch (n.op) {
  case BinaryOp::Add: r = a + b; break;
  case BinaryOp::Sub: r = a - b; break;
  case BinaryOp::Mul: r = a * b; break;
  case BinaryOp::Div:
    if (b == 0)
      return std::nullopt;
    r = a / b;
    break;
  case BinaryOp::FloorDiv:
    if (b == 0)
      return std::nullopt;
    r = std::floor(a / b);
    break;
  case BinaryOp::FloorMod:
    if (b == 0)
      return std::nullopt;
    r = a - std::floor(a / b) * b;
    break;
  case BinaryOp::Min: r = std::min(a, b); break;
  case BinaryOp::Max: r = std::max(a, b); break;
  case BinaryOp::Pow: r = std::pow(a, b); break;
  default: return std::nullopt;
  }
  if (!isFloat(n.dtype))
    return std::nullopt;
  return std::make_shared<FloatImm>(r, n.dtype, n.loc);
}

class ExprSimplifier : public IRMutator {
protected:
  Expr mutateBinary(const Expr &e, const Binary &n) override {
    Expr a = mutate(n.a), b = mutate(n.b);
    Expr rebuilt = (a == n.a && b == n.b) ? e : std::make_shared<Binary>(n.op, a, b, n.dtype, n.loc);
    if (auto folded = foldConstants(n, a, b))
      return *folded;
    if (auto same = applyIdentity(n, a, b))
      return *same;
    if (auto canon = canonicalize(n, rebuilt, a, b))
      return *canon;
    return rebuilt;
  }

  Expr mutateUnary(const Expr &e, const Unary &n) override {
    Expr a = mutate(n.a);
    if (n.op == UnaryOp::Not && a->dtype == DType::Bool)
      if (auto v = asConstInt(a))
        return makeBool(*v == 0, n.loc);
    if (n.op == UnaryOp::Neg) {
      if (auto *f = a->as<FloatImm>())
        return std::make_shared<FloatImm>(-f->value, n.dtype, n.loc);
      if (auto form = isInt(n.dtype) ? linearize(std::make_shared<Unary>(n.op, a, n.dtype, n.loc))
                                     : std::nullopt)
        return keepIfEqual(e, buildLinear(*form, n.dtype, n.loc));
    }
    return a == n.a ? e : std::make_shared<Unary>(n.op, a, n.dtype, n.loc);
  }

  Expr mutateCast(const Expr &e, const Cast &n) override {
    Expr v = mutate(n.value);
    if (v->dtype == n.dtype)
      return v; // a cast to the type the value already has
    if (auto folded = foldCast(n.dtype, v, n.loc))
      return *folded;
    return v == n.value ? e : std::make_shared<Cast>(n.dtype, v, n.loc);
  }

  Expr mutateSelect(const Expr &e, const Select &n) override {
    Expr c = mutate(n.cond), a = mutate(n.a), b = mutate(n.b);
    if (auto v = asConstInt(c)) {
      const Expr &chosen = *v ? a : b;
      if (chosen->dtype == n.dtype)
        return chosen;
    }
    if (a->dtype == b->dtype && exprEqual(a, b))
      return a;
    if (c == n.cond && a == n.a && b == n.b)
      return e;
    return std::make_shared<Select>(c, a, b, n.loc);
  }

private:
  // Returns the old node when the new text is the same, so unchanged trees are not copied.
  static Expr keepIfEqual(const Expr &old, const Expr &fresh) {
    return exprEqual(old, fresh) ? old : fresh;
  }

  static std::optional<Expr> foldConstants(const Binary &n, const Expr &a, const Expr &b) {
    auto ia = asConstInt(a), ib = asConstInt(b);
    if (ia && ib && n.op != BinaryOp::Div && (isInt(n.dtype) || n.dtype == DType::Bool))
      return foldInt(n, *ia, *ib);
    auto fa = constNumber(a), fb = constNumber(b);
    if (fa && fb)
      return foldFloat(n, *fa, *fb);
    return std::nullopt;
  }

  // Identities that return one operand unchanged (only when its dtype is the result's) or 0.
  static std::optional<Expr> applyIdentity(const Binary &n, const Expr &a, const Expr &b) {
    auto keep = [&](const Expr &x) -> std::optional<Expr> {
      if (x->dtype == n.dtype)
        return x;
      return std::nullopt;
    };
    switch (n.op) {
    case BinaryOp::Add:
      if (isConstValue(b, 0)) return keep(a);
      if (isConstValue(a, 0)) return keep(b);
      break;
    case BinaryOp::Sub:
      if (isConstValue(b, 0)) return keep(a);
      break;
    case BinaryOp::Mul:
      if (isConstValue(b, 1)) return keep(a);
      if (isConstValue(a, 1)) return keep(b);
      if (isInt(n.dtype) && (isIntConst(a, 0) || isIntConst(b, 0)))
        return makeInt(0, n.dtype, n.loc);
      break;
    case BinaryOp::Div:
      if (isFloat(a->dtype) && isConstValue(b, 1)) return keep(a);
      break;
    case BinaryOp::FloorDiv:
      if (isInt(n.dtype) && isIntConst(b, 1)) return keep(a);
      break;
    case BinaryOp::FloorMod:
      if (isInt(n.dtype) && isIntConst(b, 1)) return makeInt(0, n.dtype, n.loc);
      break;
    case BinaryOp::Min:
    case BinaryOp::Max:
      if (exprEqual(a, b)) return keep(a);
      break;
    case BinaryOp::And:
    case BinaryOp::Or: {
      bool isAnd = n.op == BinaryOp::And;
      for (auto [c, other] : {std::pair{a, b}, std::pair{b, a}}) {
        auto v = c->dtype == DType::Bool ? asConstInt(c) : std::nullopt;
        if (!v)
          continue;
        if ((*v != 0) == isAnd) // True and x, False or x
          return keep(other);
        return makeBool(!isAnd, n.loc);
      }
      break;
    }
    default: break;
    }
    return std::nullopt;
  }

  // Integer arithmetic through its linear form.
  static std::optional<Expr> canonicalize(const Binary &n, const Expr &rebuilt, const Expr &a,
                                          const Expr &b) {
    if (!isInt(a->dtype) || !isInt(b->dtype))
      return std::nullopt;
    switch (n.op) {
    case BinaryOp::Add:
    case BinaryOp::Sub:
    case BinaryOp::Mul: {
      if (!isInt(n.dtype))
        return std::nullopt;
      auto form = linearize(rebuilt);
      if (!form)
        return std::nullopt;
      return keepIfEqual(rebuilt, buildLinear(*form, n.dtype, n.loc));
    }
    case BinaryOp::FloorDiv:
    case BinaryOp::FloorMod: return divideExactly(n, a, b);
    case BinaryOp::Min:
    case BinaryOp::Max:
    case BinaryOp::Lt: case BinaryOp::Le: case BinaryOp::Gt: case BinaryOp::Ge:
    case BinaryOp::Eq: case BinaryOp::Ne: return compareByDifference(n, a, b);
    default: return std::nullopt;
    }
  }

  // (32 * x + 64) // 32 → x + 2 and (32 * x + 64) % 32 → 0: exact, whatever the signs.
  static std::optional<Expr> divideExactly(const Binary &n, const Expr &a, const Expr &b) {
    auto divisor = asConstInt(b);
    auto form = linearize(a);
    if (!divisor || *divisor <= 0 || !form || !isInt(n.dtype))
      return std::nullopt;
    if (form->constant % *divisor != 0)
      return std::nullopt;
    for (const LinearTerm &t : form->terms)
      if (t.coeff % *divisor != 0)
        return std::nullopt;
    if (n.op == BinaryOp::FloorMod)
      return makeInt(0, n.dtype, n.loc);
    LinearForm q = *form;
    q.constant /= *divisor;
    for (LinearTerm &t : q.terms)
      t.coeff /= *divisor;
    return buildLinear(q, n.dtype, n.loc);
  }

  // min/max and comparisons of two integer expressions that differ by a constant.
  static std::optional<Expr> compareByDifference(const Binary &n, const Expr &a, const Expr &b) {
    auto diff = linearize(std::make_shared<Binary>(BinaryOp::Sub, a, b, promote(a->dtype, b->dtype)));
    if (!diff || !diff->isConstant())
      return std::nullopt;
    int64_t d = diff->constant; // a - b
    if (n.op == BinaryOp::Min || n.op == BinaryOp::Max) {
      const Expr &pick = (n.op == BinaryOp::Min) == (d <= 0) ? a : b;
      if (pick->dtype == n.dtype)
        return pick;
      return std::nullopt;
    }
    return makeBool(*compare<int64_t>(n.op, d, 0), n.loc);
  }

  static std::optional<Expr> foldCast(DType to, const Expr &v, SourceLoc loc) {
    if (auto i = asConstInt(v)) {
      if (to == DType::Bool)
        return makeBool(*i != 0, loc);
      if (isFloat(to))
        return std::make_shared<FloatImm>(static_cast<double>(*i), to, loc);
      if (dtypeBits(to) >= 32 && (dtypeBits(to) == 64 || (*i >= INT32_MIN && *i <= INT32_MAX)) &&
          to != DType::UInt32)
        return makeInt(*i, to, loc);
      return std::nullopt;
    }
    if (auto *f = v->as<FloatImm>()) {
      if (isFloat(to))
        return std::make_shared<FloatImm>(f->value, to, loc);
      if (to == DType::Bool)
        return makeBool(f->value != 0, loc);
      // Truncation toward zero, only where the result is representable.
      if ((to == DType::Int32 || to == DType::Int64) && std::isfinite(f->value) &&
          std::fabs(f->value) < 2147483647.0)
        return makeInt(static_cast<int64_t>(std::trunc(f->value)), to, loc);
    }
    return std::nullopt;
  }
};

// Statements on top of the expression rules.
class StmtSimplifier : public ExprSimplifier {
protected:
  Stmt mutateFor(const Stmt &s, const For &n) override {
    Expr mn = mutate(n.min), ext = mutate(n.extent);
    auto count = asConstInt(ext);
    if (count && *count <= 0)
      return seq({}, n.loc);
    if (count && *count == 1) // one iteration: the body with var = min
      return mutate(substitute(n.body, {{n.var.get(), mn}}));
    Stmt body = mutate(n.body);
    if (isEmpty(body))
      return body;
    if (mn == n.min && ext == n.extent && body == n.body)
      return s;
    return std::make_shared<For>(n.var, mn, ext, n.forKind, body, n.loc, n.numStages);
  }

  Stmt mutateIf(const Stmt &s, const If &n) override {
    Expr c = mutate(n.cond);
    if (auto v = asConstInt(c)) {
      const Stmt &taken = *v ? n.thenBody : n.elseBody;
      return taken ? mutate(taken) : seq({}, n.loc);
    }
    Stmt t = mutate(n.thenBody), e = mutate(n.elseBody);
    if (c == n.cond && t == n.thenBody && e == n.elseBody)
      return s;
    return std::make_shared<If>(c, t, e, n.loc);
  }

  Stmt mutateLetStmt(const Stmt &s, const LetStmt &n) override {
    Expr v = mutate(n.value);
    if (isPureScalar(v))
      return mutate(substitute(n.body, {{n.var.get(), v}}));
    Stmt b = mutate(n.body);
    if (v == n.value && b == n.body)
      return s;
    return std::make_shared<LetStmt>(n.var, v, b, n.loc);
  }

private:
  static bool isEmpty(const Stmt &s) {
    auto *q = s->as<Seq>();
    return q && q->stmts.empty();
  }

  // A value that reads no memory and calls no intrinsic: duplicating it is free and exact.
  static bool isPureScalar(const Expr &e) {
    class Finder : public IRVisitor {
    public:
      bool impure = false;

    protected:
      void visitLoad(const Load &) override { impure = true; }
      void visitCall(const Call &) override { impure = true; }
    } f;
    f.visit(e);
    return !f.impure;
  }
};

// Points every Load, Store and region at the rebuilt buffers (buffers are compared by identity).
class BufferRemapper : public IRMutator {
public:
  explicit BufferRemapper(std::map<const BufferNode *, Buffer> m) : map_(std::move(m)) {}

protected:
  Expr mutateLoad(const Expr &e, const Load &n) override {
    bool changed = false;
    auto idx = mutateAll(n.indices, changed);
    Buffer b = remap(n.buffer);
    if (!changed && b == n.buffer)
      return e;
    return std::make_shared<Load>(b, std::move(idx), n.loc);
  }
  Stmt mutateStore(const Stmt &, const Store &n) override {
    bool changed = false;
    auto idx = mutateAll(n.indices, changed);
    return std::make_shared<Store>(remap(n.buffer), std::move(idx), mutate(n.value), n.loc, n.atomic);
  }
  Region mutateRegion(const Region &r) override {
    Region out = IRMutator::mutateRegion(r);
    out.buffer = remap(r.buffer);
    return out;
  }

private:
  Buffer remap(const Buffer &b) const {
    auto it = map_.find(b.get());
    return it == map_.end() ? b : it->second;
  }
  std::map<const BufferNode *, Buffer> map_;
};

// Simplifies buffer shapes; rebuilds only the buffers whose shape text changes.
void simplifyShapes(PrimFunc &f, ExprSimplifier &simp) {
  std::map<const BufferNode *, Buffer> remapped;
  auto rebuild = [&](Buffer &b) {
    bool changed = false;
    std::vector<Expr> shape;
    for (const Expr &d : b->shape) {
      shape.push_back(simp.mutate(d));
      changed |= shape.back() != d;
    }
    if (!changed)
      return;
    Buffer fresh = std::make_shared<BufferNode>(b->name, std::move(shape), b->dtype, b->scope, b->loc);
    remapped[b.get()] = fresh;
    b = fresh;
  };
  for (Buffer &b : f.params) rebuild(b);
  for (Buffer &b : f.allocs) rebuild(b);
  if (!remapped.empty())
    f.body = BufferRemapper(std::move(remapped)).mutate(f.body);
}

} // namespace

Expr simplifyExpr(const Expr &e) { return ExprSimplifier().mutate(e); }

void simplify(PrimFunc &f) {
  StmtSimplifier simp;
  for (Expr &g : f.grid)
    g = simp.mutate(g);
  simplifyShapes(f, simp);
  f.body = simp.mutate(f.body);
}

} // namespace tilec::transform
