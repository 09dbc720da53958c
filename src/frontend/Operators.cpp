#include "frontend/Operators.h"

#include "frontend/KernelBuilder.h"
#include "ir/IntArith.h"

#include <cmath>

namespace tilec::frontend {

namespace {

using K = Value::Kind;

double asDouble(const Value &v) {
  return v.is(K::Float) ? v.floatValue : static_cast<double>(v.intValue);
}

[[noreturn]] void unsupportedOperands(const char *op, const Value &a, const Value &b,
                                      SourceLoc loc) {
  fail(loc, std::string("unsupported operand types for ") + op + ": '" + typeName(a) + "' and '" +
                typeName(b) + "'");
}

[[noreturn]] void overflow(SourceLoc loc) {
  fail(loc, "integer overflow in a compile-time expression");
}

int64_t floorDiv(int64_t a, int64_t b, SourceLoc loc) {
  if (b == 0)
    fail(loc, "integer division or modulo by zero");
  auto q = ir::checkedFloorDiv(a, b);
  if (!q)
    overflow(loc);
  return *q;
}

int64_t floorMod(int64_t a, int64_t b, SourceLoc loc) {
  if (b == 0)
    fail(loc, "integer division or modulo by zero");
  return *ir::checkedFloorMod(a, b);
}

// Exponentiation by squaring; fails on overflow instead of wrapping.
int64_t intPower(int64_t base, int64_t exp, SourceLoc loc) {
  int64_t result = 1;
  while (exp > 0) {
    if ((exp & 1) && __builtin_mul_overflow(result, base, &result))
      overflow(loc);
    exp >>= 1;
    if (exp > 0 && __builtin_mul_overflow(base, base, &base))
      overflow(loc);
  }
  return result;
}

Value intOperation(ast::BinOpKind op, int64_t a, int64_t b, SourceLoc loc) {
  int64_t r = 0;
  switch (op) {
  case ast::BinOpKind::Add:
    if (__builtin_add_overflow(a, b, &r))
      overflow(loc);
    return Value::integer(r);
  case ast::BinOpKind::Sub:
    if (__builtin_sub_overflow(a, b, &r))
      overflow(loc);
    return Value::integer(r);
  case ast::BinOpKind::Mult:
    if (__builtin_mul_overflow(a, b, &r))
      overflow(loc);
    return Value::integer(r);
  case ast::BinOpKind::FloorDiv: return Value::integer(floorDiv(a, b, loc));
  case ast::BinOpKind::Mod: return Value::integer(floorMod(a, b, loc));
  case ast::BinOpKind::Div:
    if (b == 0)
      fail(loc, "division by zero");
    return Value::real(static_cast<double>(a) / static_cast<double>(b));
  case ast::BinOpKind::Pow:
    if (b < 0)
      return Value::real(std::pow(static_cast<double>(a), static_cast<double>(b)));
    return Value::integer(intPower(a, b, loc));
  case ast::BinOpKind::LShift:
    if (b < 0 || b >= 63)
      fail(loc, "shift count " + std::to_string(b) + " is out of range");
    if (a > (INT64_MAX >> b) || a < (INT64_MIN >> b))
      overflow(loc);
    return Value::integer(static_cast<int64_t>(static_cast<uint64_t>(a) << b));
  case ast::BinOpKind::RShift:
    if (b < 0)
      fail(loc, "negative shift count");
    return Value::integer(b >= 63 ? (a < 0 ? -1 : 0) : a >> b);
  case ast::BinOpKind::BitAnd: return Value::integer(a & b);
  case ast::BinOpKind::BitOr: return Value::integer(a | b);
  case ast::BinOpKind::BitXor: return Value::integer(a ^ b);
  case ast::BinOpKind::MatMult: break;
  }
  fail(loc, std::string("unsupported operand types for ") + ast::spelling(op) + ": 'int' and 'int'");
}

Value floatOperation(ast::BinOpKind op, double a, double b, SourceLoc loc) {
  switch (op) {
  case ast::BinOpKind::Add: return Value::real(a + b);
  case ast::BinOpKind::Sub: return Value::real(a - b);
  case ast::BinOpKind::Mult: return Value::real(a * b);
  case ast::BinOpKind::Div:
    if (b == 0)
      fail(loc, "float division by zero");
    return Value::real(a / b);
  case ast::BinOpKind::FloorDiv:
    if (b == 0)
      fail(loc, "float floor division by zero");
    return Value::real(std::floor(a / b));
  case ast::BinOpKind::Mod: {
    if (b == 0)
      fail(loc, "float modulo by zero");
    double m = std::fmod(a, b);
    return Value::real(m != 0 && ((m < 0) != (b < 0)) ? m + b : m);
  }
  case ast::BinOpKind::Pow: return Value::real(std::pow(a, b));
  default:
    fail(loc, std::string("unsupported operand types for ") + ast::spelling(op) +
                  ": 'float' and 'float'");
  }
}

Value repeat(const Value &seq, int64_t times) {
  if (seq.is(K::Str)) {
    std::string out;
    for (int64_t i = 0; i < times && out.size() < (1u << 20); ++i)
      out += seq.str;
    return Value::string(out);
  }
  std::vector<Value> out;
  for (int64_t i = 0; i < times && out.size() < (1u << 20); ++i)
    out.insert(out.end(), seq.elements().begin(), seq.elements().end());
  Value v = Value::tuple(std::move(out));
  v.kind = seq.kind;
  return v;
}

std::optional<Value> sequenceOperation(ast::BinOpKind op, const Value &a, const Value &b) {
  if (op == ast::BinOpKind::Add) {
    if (a.is(K::Str) && b.is(K::Str))
      return Value::string(a.str + b.str);
    if (a.isSequence() && a.kind == b.kind) {
      std::vector<Value> out = a.elements();
      out.insert(out.end(), b.elements().begin(), b.elements().end());
      Value v = Value::tuple(std::move(out));
      v.kind = a.kind;
      return v;
    }
  }
  if (op == ast::BinOpKind::Mult) {
    if ((a.is(K::Str) || a.isSequence()) && b.is(K::Int))
      return repeat(a, b.intValue);
    if ((b.is(K::Str) || b.isSequence()) && a.is(K::Int))
      return repeat(b, a.intValue);
  }
  return std::nullopt;
}

std::optional<ir::BinaryOp> irBinaryOp(ast::BinOpKind op) {
  switch (op) {
  case ast::BinOpKind::Add: return ir::BinaryOp::Add;
  case ast::BinOpKind::Sub: return ir::BinaryOp::Sub;
  case ast::BinOpKind::Mult: return ir::BinaryOp::Mul;
  case ast::BinOpKind::Div: return ir::BinaryOp::Div;
  case ast::BinOpKind::FloorDiv: return ir::BinaryOp::FloorDiv;
  case ast::BinOpKind::Mod: return ir::BinaryOp::FloorMod;
  case ast::BinOpKind::Pow: return ir::BinaryOp::Pow;
  default: return std::nullopt;
  }
}

ir::BinaryOp irCompareOp(ast::CmpOpKind op) {
  switch (op) {
  case ast::CmpOpKind::Lt: return ir::BinaryOp::Lt;
  case ast::CmpOpKind::LtE: return ir::BinaryOp::Le;
  case ast::CmpOpKind::Gt: return ir::BinaryOp::Gt;
  case ast::CmpOpKind::GtE: return ir::BinaryOp::Ge;
  case ast::CmpOpKind::NotEq: return ir::BinaryOp::Ne;
  default: return ir::BinaryOp::Eq;
  }
}

bool lessThan(const Value &a, const Value &b, SourceLoc loc, const char *op) {
  if (a.isNumber() && b.isNumber())
    return asDouble(a) < asDouble(b) ||
           (!a.is(K::Float) && !b.is(K::Float) && a.intValue < b.intValue);
  if (a.is(K::Str) && b.is(K::Str))
    return a.str < b.str;
  if (a.isSequence() && a.kind == b.kind) {
    const auto &x = a.elements(), &y = b.elements();
    for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
      if (!metaEquals(x[i], y[i]))
        return lessThan(x[i], y[i], loc, op);
    }
    return x.size() < y.size();
  }
  fail(loc, std::string("'") + op + "' not supported between instances of '" + typeName(a) +
                "' and '" + typeName(b) + "'");
}

bool contains(const Value &container, const Value &item, SourceLoc loc) {
  if (container.is(K::Str) && item.is(K::Str))
    return container.str.find(item.str) != std::string::npos;
  if (container.isSequence()) {
    for (const Value &v : container.elements())
      if (metaEquals(v, item))
        return true;
    return false;
  }
  if (container.is(K::Dict)) {
    for (size_t i = 0; i < container.elements().size(); i += 2)
      if (metaEquals(container.elements()[i], item))
        return true;
    return false;
  }
  fail(loc, "argument of type '" + typeName(container) + "' is not iterable");
}

} // namespace

Value binaryOperation(ast::BinOpKind op, const Value &a, const Value &b, SourceLoc loc) {
  if (a.isKernelScalar() || b.isKernelScalar()) {
    auto irOp = irBinaryOp(op);
    if (!irOp)
      fail(loc, std::string("operator '") + ast::spelling(op) +
                    "' is not supported on kernel values");
    ir::Expr x = toExpr(a, loc, "the left operand of '" + std::string(ast::spelling(op)) + "'");
    ir::Expr y = toExpr(b, loc, "the right operand of '" + std::string(ast::spelling(op)) + "'");
    return Value::fromExpr(ir::binary(*irOp, x, y, loc));
  }
  if (a.isNumber() && b.isNumber()) {
    if (a.is(K::Float) || b.is(K::Float))
      return floatOperation(op, asDouble(a), asDouble(b), loc);
    return intOperation(op, a.intValue, b.intValue, loc);
  }
  if (auto v = sequenceOperation(op, a, b))
    return *v;
  unsupportedOperands(ast::spelling(op), a, b, loc);
}

Value unaryOperation(ast::UnaryOpKind op, const Value &a, SourceLoc loc) {
  if (op == ast::UnaryOpKind::Not) {
    if (auto truth = truthiness(a))
      return Value::boolean(!*truth);
    ir::Expr x = toExpr(a, loc, "the operand of 'not'");
    return Value::fromExpr(std::make_shared<ir::Unary>(ir::UnaryOp::Not, x, ir::DType::Bool, loc));
  }
  if (a.isKernelScalar()) {
    if (op == ast::UnaryOpKind::Invert)
      fail(loc, "operator '~' is not supported on kernel values");
    ir::Expr x = toExpr(a, loc, "the operand of unary '-'");
    if (op == ast::UnaryOpKind::UAdd)
      return Value::fromExpr(x);
    if (auto *i = x->as<ir::IntImm>()) // fold `-1`, `-T.infinity(dtype)`
      return Value::fromExpr(std::make_shared<ir::IntImm>(-i->value, x->dtype, loc));
    if (auto *f = x->as<ir::FloatImm>())
      return Value::fromExpr(std::make_shared<ir::FloatImm>(-f->value, x->dtype, loc));
    return Value::fromExpr(std::make_shared<ir::Unary>(ir::UnaryOp::Neg, x, x->dtype, loc));
  }
  if (!a.isNumber() || (op == ast::UnaryOpKind::Invert && a.is(K::Float)))
    fail(loc, std::string("bad operand type for unary ") + ast::spelling(op) + ": '" +
                  typeName(a) + "'");
  switch (op) {
  case ast::UnaryOpKind::UAdd:
    return a.is(K::Float) ? Value::real(a.floatValue) : Value::integer(a.intValue);
  case ast::UnaryOpKind::USub:
    if (a.is(K::Float))
      return Value::real(-a.floatValue);
    if (a.intValue == INT64_MIN)
      fail(loc, "integer overflow in a compile-time expression");
    return Value::integer(-a.intValue);
  default:
    return Value::integer(~a.intValue);
  }
}

Value compareOperation(ast::CmpOpKind op, const Value &a, const Value &b, SourceLoc loc) {
  bool kernel = a.isKernelScalar() || b.isKernelScalar();
  switch (op) {
  case ast::CmpOpKind::Is:
  case ast::CmpOpKind::IsNot: {
    if (kernel)
      fail(loc, "'is' cannot compare kernel values");
    bool same = (a.is(K::None) && b.is(K::None)) ||
                (!a.is(K::None) && !b.is(K::None) && a.kind == b.kind && metaEquals(a, b));
    return Value::boolean(op == ast::CmpOpKind::Is ? same : !same);
  }
  case ast::CmpOpKind::In:
  case ast::CmpOpKind::NotIn: {
    if (kernel)
      fail(loc, "'in' cannot test kernel values");
    bool found = contains(b, a, loc);
    return Value::boolean(op == ast::CmpOpKind::In ? found : !found);
  }
  default:
    break;
  }
  if (kernel) {
    std::string what = std::string("an operand of '") + ast::spelling(op) + "'";
    return Value::fromExpr(
        ir::binary(irCompareOp(op), toExpr(a, loc, what), toExpr(b, loc, what), loc));
  }
  switch (op) {
  case ast::CmpOpKind::Eq: return Value::boolean(metaEquals(a, b));
  case ast::CmpOpKind::NotEq: return Value::boolean(!metaEquals(a, b));
  case ast::CmpOpKind::Lt: return Value::boolean(lessThan(a, b, loc, "<"));
  case ast::CmpOpKind::GtE: return Value::boolean(!lessThan(a, b, loc, ">="));
  case ast::CmpOpKind::Gt: return Value::boolean(lessThan(b, a, loc, ">"));
  case ast::CmpOpKind::LtE: return Value::boolean(!lessThan(b, a, loc, "<="));
  default: break;
  }
  fail(loc, "unsupported comparison");
}

Value minMax(bool isMax, const Value &a, const Value &b, SourceLoc loc) {
  if (!a.isKernelScalar() && !b.isKernelScalar()) {
    // Python keeps the first of equal candidates.
    bool takeB = isMax ? lessThan(a, b, loc, "max") : lessThan(b, a, loc, "min");
    return takeB ? b : a;
  }
  const char *name = isMax ? "max" : "min";
  ir::Expr x = toExpr(a, loc, std::string("an argument of ") + name);
  ir::Expr y = toExpr(b, loc, std::string("an argument of ") + name);
  return Value::fromExpr(ir::binary(isMax ? ir::BinaryOp::Max : ir::BinaryOp::Min, x, y, loc));
}

Value logicalAnd(const Value &a, const Value &b, SourceLoc loc) {
  return Value::fromExpr(ir::binary(ir::BinaryOp::And, toExpr(a, loc, "an operand of 'and'"),
                                    toExpr(b, loc, "an operand of 'and'"), loc));
}

Value logicalOr(const Value &a, const Value &b, SourceLoc loc) {
  return Value::fromExpr(ir::binary(ir::BinaryOp::Or, toExpr(a, loc, "an operand of 'or'"),
                                    toExpr(b, loc, "an operand of 'or'"), loc));
}

namespace {
// A branch of a select in the dtype of the other: literals are retyped, others cast.
ir::Expr inDType(const ir::Expr &e, ir::DType t) {
  if (e->dtype == t)
    return e;
  if (auto *i = e->as<ir::IntImm>())
    return ir::isFloat(t) ? ir::floatImm(static_cast<double>(i->value), t, e->loc)
                          : std::make_shared<ir::IntImm>(i->value, t, e->loc);
  if (auto *f = e->as<ir::FloatImm>(); f && ir::isFloat(t))
    return ir::floatImm(f->value, t, e->loc);
  return std::make_shared<ir::Cast>(t, e, e->loc);
}
bool isLiteral(const ir::Expr &e) { return e->as<ir::IntImm>() || e->as<ir::FloatImm>(); }
} // namespace

Value select(const Value &cond, const Value &a, const Value &b, SourceLoc loc) {
  ir::Expr c = toExpr(cond, loc, "the condition");
  ir::Expr x = toExpr(a, loc, "the value if true");
  ir::Expr y = toExpr(b, loc, "the value if false");
  ir::DType t = isLiteral(x) && !isLiteral(y)   ? y->dtype
                : isLiteral(y) && !isLiteral(x) ? x->dtype
                                                : ir::promote(x->dtype, y->dtype);
  return Value::fromExpr(std::make_shared<ir::Select>(c, inDType(x, t), inDType(y, t), loc));
}

} // namespace tilec::frontend
