#include "ir/IR.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <sstream>

namespace tilec::ir {

const char *scopeName(Scope s) {
  switch (s) {
  case Scope::Global: return "global";
  case Scope::Shared: return "shared";
  case Scope::Fragment: return "fragment";
  case Scope::Local: return "local";
  }
  return "?";
}

const char *atomicOpName(AtomicOp op) {
  switch (op) {
  case AtomicOp::None: return "";
  case AtomicOp::Add: return "atomic_add";
  case AtomicOp::Max: return "atomic_max";
  case AtomicOp::Min: return "atomic_min";
  }
  return "?";
}

double applyAtomic(AtomicOp op, double old, double value, DType t) {
  double v = roundToDType(value, t); // the operand is converted to the element's type first
  switch (op) {
  case AtomicOp::None: return v;
  case AtomicOp::Add: return roundToDType(old + v, t);
  case AtomicOp::Max: return std::fmax(old, v); // a NaN operand leaves the other (fmaxf)
  case AtomicOp::Min: return std::fmin(old, v);
  }
  return v;
}

const char *binaryOpSymbol(BinaryOp op) {
  switch (op) {
  case BinaryOp::Add: return "+";
  case BinaryOp::Sub: return "-";
  case BinaryOp::Mul: return "*";
  case BinaryOp::Div: return "/";
  case BinaryOp::FloorDiv: return "//";
  case BinaryOp::FloorMod: return "%";
  case BinaryOp::Min: return "min";
  case BinaryOp::Max: return "max";
  case BinaryOp::Pow: return "**";
  case BinaryOp::Lt: return "<";
  case BinaryOp::Le: return "<=";
  case BinaryOp::Gt: return ">";
  case BinaryOp::Ge: return ">=";
  case BinaryOp::Eq: return "==";
  case BinaryOp::Ne: return "!=";
  case BinaryOp::And: return "and";
  case BinaryOp::Or: return "or";
  }
  return "?";
}

bool isComparison(BinaryOp op) {
  switch (op) {
  case BinaryOp::Lt: case BinaryOp::Le: case BinaryOp::Gt: case BinaryOp::Ge:
  case BinaryOp::Eq: case BinaryOp::Ne:
    return true;
  default:
    return false;
  }
}

const char *forKindName(ForKind k) {
  switch (k) {
  case ForKind::Serial: return "serial";
  case ForKind::Parallel: return "parallel";
  case ForKind::Pipelined: return "pipelined";
  case ForKind::Unrolled: return "unrolled";
  }
  return "?";
}

Region fullRegion(const Buffer &b, SourceLoc loc) {
  Region r{b, {}, b->shape, loc};
  for (size_t i = 0; i < b->rank(); ++i)
    r.starts.push_back(intImm(0));
  return r;
}

std::string AnnotationValue::toString() const {
  std::ostringstream os;
  std::visit(
      [&](const auto &v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) os << "None";
        else if constexpr (std::is_same_v<T, bool>) os << (v ? "True" : "False");
        else if constexpr (std::is_same_v<T, int64_t>) os << v;
        else if constexpr (std::is_same_v<T, double>) os << v;
        else if constexpr (std::is_same_v<T, std::string>) os << '"' << v << '"';
        else if constexpr (std::is_same_v<T, List>) {
          os << '[';
          for (size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i].toString();
          os << ']';
        } else {
          os << '{';
          bool first = true;
          for (const auto &[k, x] : v) {
            os << (first ? "" : ", ") << '"' << k << "\": " << x.toString();
            first = false;
          }
          os << '}';
        }
      },
      value);
  return os.str();
}

uint64_t nextNodeSerial() {
  static std::atomic<uint64_t> next{1};
  return next++;
}

Expr intImm(int64_t v, SourceLoc l) { return std::make_shared<IntImm>(v, DType::Int32, l); }
Expr floatImm(double v, DType t, SourceLoc l) { return std::make_shared<FloatImm>(v, t, l); }
Var var(std::string name, DType t, SourceLoc l) {
  return std::make_shared<VarNode>(std::move(name), t, l);
}

DType promote(DType a, DType b) {
  if (a == b)
    return a;
  if (isFloat(a) && isFloat(b)) // fp16 with bf16 has no common 16-bit type: widen to fp32
    return dtypeBits(a) == dtypeBits(b) ? DType::Float32 : (dtypeBits(a) > dtypeBits(b) ? a : b);
  if (isFloat(a))
    return a;
  if (isFloat(b))
    return b;
  if (a == DType::Bool)
    return b;
  if (b == DType::Bool)
    return a;
  return dtypeBits(a) >= dtypeBits(b) ? a : b;
}

Expr binary(BinaryOp op, Expr a, Expr b, SourceLoc l) {
  DType t;
  if (isComparison(op) || op == BinaryOp::And || op == BinaryOp::Or) {
    t = DType::Bool;
  } else {
    // A float literal does not widen a typed operand: `x * 0.5` keeps x's fp16.
    bool aLit = a->as<FloatImm>() || a->as<IntImm>(), bLit = b->as<FloatImm>() || b->as<IntImm>();
    if (aLit && !bLit && isFloat(b->dtype))
      t = b->dtype;
    else if (bLit && !aLit && isFloat(a->dtype))
      t = a->dtype;
    else
      t = promote(a->dtype, b->dtype);
    if (op == BinaryOp::Div && !isFloat(t))
      t = DType::Float32; // Python's true division of ints
  }
  return std::make_shared<Binary>(op, std::move(a), std::move(b), t, l);
}
Expr add(Expr a, Expr b) { return binary(BinaryOp::Add, std::move(a), std::move(b)); }
Expr sub(Expr a, Expr b) { return binary(BinaryOp::Sub, std::move(a), std::move(b)); }
Expr mul(Expr a, Expr b) { return binary(BinaryOp::Mul, std::move(a), std::move(b)); }

Expr load(Buffer b, std::vector<Expr> indices, SourceLoc l) {
  return std::make_shared<Load>(std::move(b), std::move(indices), l);
}

Stmt seq(std::vector<Stmt> stmts, SourceLoc l) {
  std::vector<Stmt> flat;
  for (auto &s : stmts) {
    if (!s)
      continue;
    if (auto *inner = s->as<Seq>())
      flat.insert(flat.end(), inner->stmts.begin(), inner->stmts.end());
    else
      flat.push_back(std::move(s));
  }
  if (flat.size() == 1)
    return flat.front();
  return std::make_shared<Seq>(std::move(flat), l);
}

std::optional<int64_t> asConstInt(const Expr &e) {
  if (auto *i = e->as<IntImm>())
    return i->value;
  return std::nullopt;
}

std::optional<std::vector<int64_t>> constShape(const Buffer &b) {
  std::vector<int64_t> dims;
  for (const Expr &e : b->shape) {
    auto v = asConstInt(e);
    if (!v)
      return std::nullopt;
    dims.push_back(*v);
  }
  return dims;
}

} // namespace tilec::ir
