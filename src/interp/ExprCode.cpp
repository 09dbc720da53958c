// Compiled expressions: constants, slots, loads with bounds checks, arithmetic with dtype
// rounding, comparisons, logic, intrinsics, casts and selects.
#include "interp/Runtime.h"
#include "interp/Scalar.h"

#include <sstream>

namespace tilec::interp::detail {

using ir::BinaryOp;
using ir::DType;

std::string formatList(const std::vector<int64_t> &v) {
  std::ostringstream os;
  os << '[';
  for (size_t i = 0; i < v.size(); ++i)
    os << (i ? ", " : "") << v[i];
  os << ']';
  return os.str();
}

// Cold path: re-evaluates the (pure) indices to say exactly which access went out of bounds.
void failOutOfBounds(const char *access, const BufferState &b,
                                  const std::vector<IndexCode> &idx, Slots s, SourceLoc loc) {
  std::ostringstream os;
  os << "out-of-bounds " << access << " '" << b.name << "': index [";
  for (size_t d = 0; d < idx.size(); ++d) {
    double v = idx[d].eval(s);
    os << (d ? ", " : "");
    if (v == std::floor(v) && std::fabs(v) < 0x1p62)
      os << static_cast<int64_t>(v);
    else
      os << v;
  }
  os << "] is outside shape " << formatList(b.shape);
  fail(loc, os.str());
}

namespace {

class ConstCode final : public ExprCode {
public:
  ConstCode(double v, DType t) : ExprCode(t), value_(v) {}
  double eval(Slots) const override { return value_; }

private:
  double value_;
};

class SlotCode final : public ExprCode {
public:
  SlotCode(int slot, DType t) : ExprCode(t), slot_(slot) {}
  double eval(Slots s) const override { return s[slot_]; }

private:
  int slot_;
};

class LoadCode final : public ExprCode {
public:
  LoadCode(const BufferState *b, std::vector<IndexCode> idx, SourceLoc loc)
      : ExprCode(b->dtype), buffer_(b), indices_(std::move(idx)), loc_(loc) {}
  double eval(Slots s) const override {
    return buffer_->data[elementOffset("load from", *buffer_, indices_, s, loc_)];
  }

private:
  const BufferState *buffer_;
  std::vector<IndexCode> indices_;
  SourceLoc loc_;
};

// Float arithmetic: computed in double, rounded to the expression's dtype. One class per op
// and an fp32 fast path, so evaluation is a couple of inlined instructions.
template <BinaryOp Op, bool IsF32> class FloatBinaryCode final : public ExprCode {
public:
  FloatBinaryCode(ExprPtr a, ExprPtr b, DType t) : ExprCode(t), a_(std::move(a)), b_(std::move(b)) {}
  double eval(Slots s) const override {
    double x = a_->eval(s), y = b_->eval(s), r;
    if constexpr (Op == BinaryOp::Add) r = x + y;
    else if constexpr (Op == BinaryOp::Sub) r = x - y;
    else if constexpr (Op == BinaryOp::Mul) r = x * y;
    else if constexpr (Op == BinaryOp::Div) r = x / y;
    else if constexpr (Op == BinaryOp::FloorDiv) r = std::floor(x / y);
    else if constexpr (Op == BinaryOp::FloorMod) r = floorModF(x, y);
    else if constexpr (Op == BinaryOp::Min) r = minOf(x, y);
    else if constexpr (Op == BinaryOp::Max) r = maxOf(x, y);
    else r = std::pow(x, y);
    if constexpr (IsF32)
      return static_cast<double>(static_cast<float>(r));
    else
      return roundValue(r, dtype);
  }

private:
  ExprPtr a_, b_;
};

template <BinaryOp Op> ExprPtr makeFloatBinary(ExprPtr a, ExprPtr b, DType t) {
  if (t == DType::Float32)
    return std::make_unique<FloatBinaryCode<Op, true>>(std::move(a), std::move(b), t);
  return std::make_unique<FloatBinaryCode<Op, false>>(std::move(a), std::move(b), t);
}

// Integer arithmetic: int64 with wrap-around, then wrapped to the dtype; Python floor semantics.
class IntBinaryCode final : public ExprCode {
public:
  IntBinaryCode(BinaryOp op, ExprPtr a, ExprPtr b, DType t, SourceLoc loc)
      : ExprCode(t), op_(op), a_(std::move(a)), b_(std::move(b)), loc_(loc) {}
  double eval(Slots s) const override {
    int64_t x = toInt64(a_->eval(s)), y = toInt64(b_->eval(s)), r = 0;
    switch (op_) {
    case BinaryOp::Add: r = wrapAdd(x, y); break;
    case BinaryOp::Sub: r = wrapSub(x, y); break;
    case BinaryOp::Mul: r = wrapMul(x, y); break;
    case BinaryOp::FloorDiv: r = floorDiv(x, checkedDivisor(y)); break;
    case BinaryOp::FloorMod: r = floorMod(x, checkedDivisor(y)); break;
    case BinaryOp::Min: r = std::min(x, y); break;
    case BinaryOp::Max: r = std::max(x, y); break;
    default: // Div and Pow have float results; an integer dtype truncates them
      return roundValue(op_ == BinaryOp::Div ? static_cast<double>(x) / static_cast<double>(checkedDivisor(y))
                                             : std::pow(static_cast<double>(x), static_cast<double>(y)),
                        dtype);
    }
    return wrapInt(r, dtype);
  }

private:
  int64_t checkedDivisor(int64_t y) const {
    if (y == 0)
      fail(loc_, "integer division by zero");
    return y;
  }
  BinaryOp op_;
  ExprPtr a_, b_;
  SourceLoc loc_;
};

class CompareCode final : public ExprCode {
public:
  CompareCode(BinaryOp op, ExprPtr a, ExprPtr b) : ExprCode(DType::Bool), op_(op), a_(std::move(a)), b_(std::move(b)) {}
  double eval(Slots s) const override {
    double x = a_->eval(s), y = b_->eval(s);
    bool r = false;
    switch (op_) {
    case BinaryOp::Lt: r = x < y; break;
    case BinaryOp::Le: r = x <= y; break;
    case BinaryOp::Gt: r = x > y; break;
    case BinaryOp::Ge: r = x >= y; break;
    case BinaryOp::Eq: r = x == y; break;
    default: r = x != y; break;
    }
    return r ? 1.0 : 0.0;
  }

private:
  BinaryOp op_;
  ExprPtr a_, b_;
};

// `and` / `or` short-circuit as in Python, so `i < n and A[i] > 0` never reads out of bounds.
class LogicalCode final : public ExprCode {
public:
  LogicalCode(bool isAnd, ExprPtr a, ExprPtr b) : ExprCode(DType::Bool), isAnd_(isAnd), a_(std::move(a)), b_(std::move(b)) {}
  double eval(Slots s) const override {
    bool x = a_->eval(s) != 0.0;
    if (isAnd_ ? !x : x)
      return x ? 1.0 : 0.0;
    return b_->eval(s) != 0.0 ? 1.0 : 0.0;
  }

private:
  bool isAnd_;
  ExprPtr a_, b_;
};

class NegCode final : public ExprCode {
public:
  NegCode(ExprPtr a, DType t) : ExprCode(t), a_(std::move(a)) {}
  double eval(Slots s) const override {
    double v = a_->eval(s);
    if (ir::isFloat(dtype))
      return roundValue(-v, dtype);
    return wrapInt(wrapSub(0, toInt64(v)), dtype);
  }

private:
  ExprPtr a_;
};

class NotCode final : public ExprCode {
public:
  explicit NotCode(ExprPtr a) : ExprCode(DType::Bool), a_(std::move(a)) {}
  double eval(Slots s) const override { return a_->eval(s) == 0.0 ? 1.0 : 0.0; }

private:
  ExprPtr a_;
};

using UnaryFn = double (*)(double);
using BinaryFn = double (*)(double, double);

class UnaryCallCode final : public ExprCode {
public:
  UnaryCallCode(UnaryFn fn, ExprPtr a, DType t) : ExprCode(t), fn_(fn), a_(std::move(a)) {}
  double eval(Slots s) const override { return roundValue(fn_(a_->eval(s)), dtype); }

private:
  UnaryFn fn_;
  ExprPtr a_;
};

class BinaryCallCode final : public ExprCode {
public:
  BinaryCallCode(BinaryFn fn, ExprPtr a, ExprPtr b, DType t) : ExprCode(t), fn_(fn), a_(std::move(a)), b_(std::move(b)) {}
  double eval(Slots s) const override { return roundValue(fn_(a_->eval(s), b_->eval(s)), dtype); }

private:
  BinaryFn fn_;
  ExprPtr a_, b_;
};

class CastCode final : public ExprCode {
public:
  CastCode(ExprPtr a, DType t) : ExprCode(t), a_(std::move(a)) {}
  double eval(Slots s) const override { return roundValue(a_->eval(s), dtype); }

private:
  ExprPtr a_;
};

// Lazy like T.if_then_else: only the chosen branch is evaluated (guarded loads stay in bounds).
class SelectCode final : public ExprCode {
public:
  SelectCode(ExprPtr c, ExprPtr a, ExprPtr b, DType t)
      : ExprCode(t), c_(std::move(c)), a_(std::move(a)), b_(std::move(b)) {}
  double eval(Slots s) const override {
    return roundValue(c_->eval(s) != 0.0 ? a_->eval(s) : b_->eval(s), dtype);
  }

private:
  ExprPtr c_, a_, b_;
};

ExprPtr makeFloatArith(BinaryOp op, ExprPtr a, ExprPtr b, DType t) {
  switch (op) {
  case BinaryOp::Add: return makeFloatBinary<BinaryOp::Add>(std::move(a), std::move(b), t);
  case BinaryOp::Sub: return makeFloatBinary<BinaryOp::Sub>(std::move(a), std::move(b), t);
  case BinaryOp::Mul: return makeFloatBinary<BinaryOp::Mul>(std::move(a), std::move(b), t);
  case BinaryOp::Div: return makeFloatBinary<BinaryOp::Div>(std::move(a), std::move(b), t);
  case BinaryOp::FloorDiv: return makeFloatBinary<BinaryOp::FloorDiv>(std::move(a), std::move(b), t);
  case BinaryOp::FloorMod: return makeFloatBinary<BinaryOp::FloorMod>(std::move(a), std::move(b), t);
  case BinaryOp::Min: return makeFloatBinary<BinaryOp::Min>(std::move(a), std::move(b), t);
  case BinaryOp::Max: return makeFloatBinary<BinaryOp::Max>(std::move(a), std::move(b), t);
  default: return makeFloatBinary<BinaryOp::Pow>(std::move(a), std::move(b), t);
  }
}

} // namespace

int Compiler::declareSlot(const ir::VarNode *v) {
  auto it = slots_.find(v);
  if (it != slots_.end()) // the same Var node bound by two loops in sequence shares a slot
    return it->second;
  return slots_[v] = numSlots_++;
}

ExprPtr Compiler::compile(const ir::Expr &e) {
  if (!e)
    fail({}, "internal error: missing expression in the interpreter");
  switch (e->kind) {
  case ir::ExprKind::IntImm:
    return std::make_unique<ConstCode>(static_cast<double>(e->as<ir::IntImm>()->value), e->dtype);
  case ir::ExprKind::FloatImm:
    return std::make_unique<ConstCode>(roundValue(e->as<ir::FloatImm>()->value, e->dtype), e->dtype);
  case ir::ExprKind::Var: return compileVar(*e->as<ir::VarNode>());
  case ir::ExprKind::Load: return compileLoad(*e->as<ir::Load>());
  case ir::ExprKind::Binary: return compileBinary(*e->as<ir::Binary>());
  case ir::ExprKind::Unary: return compileUnary(*e->as<ir::Unary>());
  case ir::ExprKind::Call: return compileCall(*e->as<ir::Call>());
  case ir::ExprKind::Cast:
    return std::make_unique<CastCode>(compile(e->as<ir::Cast>()->value), e->dtype);
  case ir::ExprKind::Select: {
    auto *sel = e->as<ir::Select>();
    return std::make_unique<SelectCode>(compile(sel->cond), compile(sel->a), compile(sel->b), e->dtype);
  }
  }
  fail(e->loc, "internal error: unknown expression kind");
}

ExprPtr Compiler::compileVar(const ir::VarNode &v) {
  if (auto c = constants_.find(&v); c != constants_.end())
    return std::make_unique<ConstCode>(c->second, v.dtype);
  if (auto s = slots_.find(&v); s != slots_.end())
    return std::make_unique<SlotCode>(s->second, v.dtype);
  // A size the front end left free but did not list in sizeVars: bind it by name.
  if (auto n = sizes_.find(v.name); n != sizes_.end())
    return std::make_unique<ConstCode>(static_cast<double>(n->second), v.dtype);
  fail(v.loc, "variable '" + v.name + "' is not bound here (no loop, let or size defines it)");
}

ExprPtr Compiler::compileLoad(const ir::Load &l) {
  const BufferState *b = lookupBuffer(*l.buffer, l.loc);
  if (l.indices.size() != b->shape.size())
    fail(l.loc, "load from '" + b->name + "' has " + std::to_string(l.indices.size()) +
                    " indices but the buffer has rank " + std::to_string(b->shape.size()));
  return std::make_unique<LoadCode>(b, compileIndices(l.indices), l.loc);
}

std::vector<IndexCode> Compiler::compileIndices(const std::vector<ir::Expr> &indices) {
  std::vector<IndexCode> idx;
  for (const ir::Expr &i : indices) {
    IndexCode ic;
    auto *v = i->as<ir::VarNode>();
    if (auto it = v ? slots_.find(v) : slots_.end(); it != slots_.end())
      ic.slot = it->second;
    else
      ic.expr = compile(i);
    idx.push_back(std::move(ic));
  }
  return idx;
}

ExprPtr Compiler::compileBinary(const ir::Binary &b) {
  ExprPtr x = compile(b.a), y = compile(b.b);
  if (ir::isComparison(b.op))
    return std::make_unique<CompareCode>(b.op, std::move(x), std::move(y));
  if (b.op == BinaryOp::And || b.op == BinaryOp::Or)
    return std::make_unique<LogicalCode>(b.op == BinaryOp::And, std::move(x), std::move(y));
  if (ir::isFloat(b.dtype))
    return makeFloatArith(b.op, std::move(x), std::move(y), b.dtype);
  return std::make_unique<IntBinaryCode>(b.op, std::move(x), std::move(y), b.dtype, b.loc);
}

ExprPtr Compiler::compileUnary(const ir::Unary &u) {
  if (u.op == ir::UnaryOp::Not)
    return std::make_unique<NotCode>(compile(u.a));
  return std::make_unique<NegCode>(compile(u.a), u.dtype);
}

// The semantics are the reference functions of ir/Intrinsics, shared with the GPU SIMT interpreter.
ExprPtr Compiler::compileCall(const ir::Call &c) {
  const ir::Intrinsic *in = ir::findIntrinsic(c.name);
  if (!in)
    fail(c.loc, "the interpreter does not know the intrinsic '" + c.name + "'");
  if (static_cast<int>(c.args.size()) != in->arity)
    fail(c.loc, "intrinsic '" + c.name + "' takes " + std::to_string(in->arity) + " argument" +
                    (in->arity == 1 ? "" : "s") + ", got " + std::to_string(c.args.size()));
  if (in->arity == 1)
    return std::make_unique<UnaryCallCode>(in->unary, compile(c.args[0]), c.dtype);
  return std::make_unique<BinaryCallCode>(in->binary, compile(c.args[0]), compile(c.args[1]), c.dtype);
}

} // namespace tilec::interp::detail
