#include "target/tt/TTUtil.h"

#include "ir/Functor.h"
#include "target/Symbols.h"
#include "target/tt/TTProgram.h"

#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <stdexcept>

namespace tilec::tt {

using namespace ir;

namespace {

int precedence(BinaryOp op) {
  switch (op) {
  case BinaryOp::Mul: case BinaryOp::Div: case BinaryOp::FloorDiv: case BinaryOp::FloorMod:
    return 3;
  case BinaryOp::Add: case BinaryOp::Sub:
    return 2;
  default:
    return 1;
  }
}

std::string cxxPrec(const Expr &e, int outer);

std::string cxxBinary(const Binary &b, int outer) {
  switch (b.op) {
  case BinaryOp::Min:
    return "std::min<uint32_t>(" + cxx(b.a) + ", " + cxx(b.b) + ")";
  case BinaryOp::Max:
    return "std::max<uint32_t>(" + cxx(b.a) + ", " + cxx(b.b) + ")";
  default:
    break;
  }
  const char *sym = b.op == BinaryOp::FloorDiv ? "/" : binaryOpSymbol(b.op);
  if (b.op == BinaryOp::And)
    sym = "&&";
  if (b.op == BinaryOp::Or)
    sym = "||";
  int p = precedence(b.op);
  // Index arithmetic is unsigned and non-negative in the kernels, so // and % are / and %.
  std::string text = cxxPrec(b.a, p) + " " + sym + " " + cxxPrec(b.b, p + 1);
  return p < outer ? "(" + text + ")" : text;
}

std::string cxxPrec(const Expr &e, int outer) {
  if (auto *i = e->as<IntImm>())
    return std::to_string(i->value);
  if (auto *f = e->as<FloatImm>())
    return floatLiteral(f->value);
  if (auto *v = e->as<VarNode>())
    return target::symbol(*v);
  if (auto *b = e->as<Binary>())
    return cxxBinary(*b, outer);
  if (auto *c = e->as<Cast>())
    return cxxPrec(c->value, outer);
  if (auto *u = e->as<Unary>())
    return (u->op == UnaryOp::Neg ? "-" : "!") + cxxPrec(u->a, 4);
  if (auto *s = e->as<Select>())
    return "(" + cxx(s->cond) + " ? " + cxx(s->a) + " : " + cxx(s->b) + ")";
  return "/*unsupported*/0";
}

Expr mulConst(const Expr &a, int64_t c) {
  if (c == 1)
    return a;
  return binary(BinaryOp::Mul, a, intImm(c));
}

} // namespace

std::string cxx(const Expr &e) { return cxxPrec(e, 0); }

std::string cxxName(const Var &v) { return target::symbol(v); }
std::string cxxName(const Buffer &b) { return target::symbol(b); }

std::optional<Expr> divideByTile(const Expr &e, int64_t n) {
  if (n == 1)
    return e;
  if (auto *i = e->as<IntImm>()) {
    if (i->value % n)
      return std::nullopt;
    return intImm(i->value / n);
  }
  if (auto *b = e->as<Binary>()) {
    if (b->op == BinaryOp::Add || b->op == BinaryOp::Sub) {
      auto l = divideByTile(b->a, n), r = divideByTile(b->b, n);
      if (!l || !r)
        return std::nullopt;
      if (auto *ri = (*r)->as<IntImm>(); ri && ri->value == 0)
        return l;
      if (auto *li = (*l)->as<IntImm>(); li && li->value == 0 && b->op == BinaryOp::Add)
        return r;
      return binary(b->op, *l, *r);
    }
    if (b->op == BinaryOp::Mul) {
      for (int side = 0; side < 2; ++side) {
        const Expr &k = side ? b->a : b->b, &other = side ? b->b : b->a;
        if (auto *ki = k->as<IntImm>(); ki && ki->value % n == 0)
          return mulConst(other, ki->value / n);
      }
      if (auto l = divideByTile(b->a, n))
        return binary(BinaryOp::Mul, *l, b->b);
      if (auto r = divideByTile(b->b, n))
        return binary(BinaryOp::Mul, b->a, *r);
    }
  }
  return std::nullopt;
}

bool isScalarTile(const Buffer &b) {
  auto shape = constShape(b);
  return b->scope != Scope::Global && shape && shape->size() == 1 && (*shape)[0] == 1;
}

TileGrid tileGrid(const Buffer &b) {
  auto shape = constShape(b);
  if (!shape)
    fail(b->loc, "tile '" + b->name + "' needs a constant shape on Tenstorrent");
  if (shape->size() == 1 && (*shape)[0] == 1)
    return {1, 1}; // one element: a scalar tile, its value at element (0, 0)
  if (shape->size() == 1)
    return {1, tilesAlong((*shape)[0])};
  if (shape->size() != 2)
    fail(b->loc, "tile '" + b->name + "' must be 1-D or 2-D on Tenstorrent");
  return {tilesAlong((*shape)[0]), tilesAlong((*shape)[1])};
}

int64_t tilesAlong(int64_t d) { return (d + kTile - 1) / kTile; }
int64_t elementsPerTile(int64_t d) { return d < kTile ? d : kTile; }

DataFormat dataFormat(DType t) {
  switch (t) {
  case DType::BFloat16: return DataFormat::Float16_b;
  case DType::Float16: return DataFormat::Float16;
  case DType::Float32: return DataFormat::Float32;
  case DType::Int32: return DataFormat::Int32;
  case DType::UInt32: return DataFormat::UInt32;
  case DType::Int8: return DataFormat::Int8;
  case DType::Bool: return DataFormat::UInt8;
  default: return DataFormat::Invalid;
  }
}

const char *mathFidelityName(MathFidelity f) {
  switch (f) {
  case MathFidelity::LoFi: return "LoFi";
  case MathFidelity::HiFi2: return "HiFi2";
  case MathFidelity::HiFi3: return "HiFi3";
  case MathFidelity::HiFi4: return "HiFi4";
  }
  return "HiFi4";
}

MathFidelity parseMathFidelity(const std::string &text) {
  for (MathFidelity f : {MathFidelity::LoFi, MathFidelity::HiFi2, MathFidelity::HiFi3, MathFidelity::HiFi4})
    if (text == mathFidelityName(f))
      return f;
  throw std::invalid_argument("unknown math fidelity '" + text + "'");
}

int tileBytes(DType t) { return kTile * kTile * dtypeBytes(t); }

bool supportedOnTT(DType t) {
  return t == DType::BFloat16 || t == DType::Float16 || t == DType::Float32;
}

bool movableOnTT(DType t) { return supportedOnTT(t) || dataFormat(t) != DataFormat::Invalid; }

std::string floatLiteral(double v) {
  if (std::isinf(v))
    return v < 0 ? "-INFINITY" : "INFINITY";
  std::string s = fmt::format("{}", static_cast<float>(v));
  if (s.find_first_of(".e") == std::string::npos)
    s += ".0";
  return s + "f";
}

std::string identifier(const std::string &name) {
  std::string out;
  for (char c : name)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
  return out;
}

bool mentions(const Expr &e, const std::vector<Var> &vars) {
  struct Finder : IRVisitor {
    const std::vector<Var> &vars;
    bool found = false;
    explicit Finder(const std::vector<Var> &v) : vars(v) {}
    void visitVar(const VarNode &v) override {
      for (const Var &x : vars)
        found |= x.get() == &v;
    }
  } finder(vars);
  finder.visit(e);
  return finder.found;
}

} // namespace tilec::tt
