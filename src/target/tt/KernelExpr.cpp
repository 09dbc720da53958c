#include "target/tt/KernelExpr.h"

#include "ir/Functor.h"
#include "target/Symbols.h"
#include "target/tt/ApiTable.h"
#include "target/tt/TTUtil.h"

#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <stdexcept>

namespace tilec::tt {

const char *constSpelling(KConst c) {
  switch (c) {
  case KConst::PoolSum: return "PoolType::SUM";
  case KConst::PoolMax: return "PoolType::MAX";
  case KConst::ReduceRow: return "ReduceDim::REDUCE_ROW";
  case KConst::ReduceCol: return "ReduceDim::REDUCE_COL";
  case KConst::BcastRow: return "BroadcastType::ROW";
  case KConst::BcastCol: return "BroadcastType::COL";
  case KConst::BcastScalar: return "BroadcastType::SCALAR";
  case KConst::EltwiseAdd: return "ELWADD";
  case KConst::EltwiseSub: return "ELWSUB";
  case KConst::EltwiseMul: return "ELWMUL";
  case KConst::DestToSrcA: return "EltwiseBinaryReuseDestType::DEST_TO_SRCA";
  case KConst::DestToSrcB: return "EltwiseBinaryReuseDestType::DEST_TO_SRCB";
  case KConst::SemaphoreValid: return "VALID";
  case KConst::SemaphoreInvalid: return "INVALID";
  case KConst::U32: return "uint32_t";
  }
  return "";
}

const char *dataFormatName(DataFormat f) {
  switch (f) {
  case DataFormat::Float16_b: return "Float16_b";
  case DataFormat::Float16: return "Float16";
  case DataFormat::Float32: return "Float32";
  case DataFormat::Int32: return "Int32";
  case DataFormat::UInt32: return "UInt32";
  case DataFormat::Int8: return "Int8";
  case DataFormat::UInt8: return "UInt8";
  case DataFormat::Invalid: return "Invalid";
  }
  return "Invalid";
}

namespace {

using Kind = KExprNode::Kind;

// A node of kind `k` whose fields `fill` sets.
template <class Fill> KExpr make(Kind k, const Fill &fill) {
  KExprNode n;
  n.kind = k;
  fill(n);
  return std::make_shared<const KExprNode>(std::move(n));
}

bool isInt(const KExpr &e, int64_t v) { return e->kind == Kind::Int && e->value == v; }

} // namespace

KExpr kInt(int64_t v) {
  return make(Kind::Int, [&](KExprNode &n) { n.value = v; });
}
KExpr kName(std::string name) {
  return make(Kind::Name, [&](KExprNode &n) { n.text = std::move(name); });
}
KExpr kIr(const ir::Expr &e) {
  if (auto *i = e->as<ir::IntImm>())
    return kInt(i->value);
  return make(Kind::Ir, [&](KExprNode &n) { n.ir = e; });
}
KExpr kConst(KConst c) {
  return make(Kind::Const, [&](KExprNode &n) { n.constant = c; });
}
KExpr kCbIndex(int index) {
  return make(Kind::CbIndex, [&](KExprNode &n) { n.value = index; });
}
KExpr kFormat(DataFormat f) {
  return make(Kind::Format, [&](KExprNode &n) { n.format = f; });
}
KExpr kFloat(double v) {
  return make(Kind::Float, [&](KExprNode &n) { n.real = v; });
}
KExpr kFloatBits(double v) {
  return make(Kind::Bits, [&](KExprNode &n) { n.real = v, n.pattern = KExprNode::Pattern::Float32; });
}
KExpr kBf16PairBits(double v) {
  return make(Kind::Bits, [&](KExprNode &n) { n.real = v, n.pattern = KExprNode::Pattern::Bf16Pair; });
}
KExpr kCallExpr(std::string op, std::vector<KExpr> args, std::vector<KExpr> tmpl) {
  return make(Kind::Call, [&](KExprNode &n) { n.text = std::move(op), n.args = std::move(args), n.tmpl = std::move(tmpl); });
}
KExpr kHelper(std::string function, std::vector<KExpr> args) {
  return make(Kind::Helper, [&](KExprNode &n) { n.text = std::move(function), n.args = std::move(args); });
}
KExpr kIndex(KExpr array, KExpr index) {
  return make(Kind::Index, [&](KExprNode &n) { n.a = std::move(array), n.b = std::move(index); });
}
KExpr kL1Ptr(KExpr address) {
  return make(Kind::L1Ptr, [&](KExprNode &n) { n.a = std::move(address); });
}
KExpr kFields(std::vector<std::string> names, std::vector<KExpr> values) {
  return make(Kind::Fields, [&](KExprNode &n) { n.names = std::move(names), n.args = std::move(values); });
}
KExpr kBinary(KOp op, KExpr a, KExpr b) {
  return make(Kind::Binary, [&](KExprNode &n) { n.op = op, n.a = std::move(a), n.b = std::move(b); });
}
KExpr kNot(KExpr a) {
  return make(Kind::Not, [&](KExprNode &n) { n.a = std::move(a); });
}

KExpr add(KExpr a, KExpr b) {
  if (isInt(a, 0))
    return b;
  if (isInt(b, 0))
    return a;
  // constant offsets gather at the end: (x + 1) + 1 is x + 2 (a DST slot and the one after it)
  if (b->kind == Kind::Int) {
    if (a->kind == Kind::Int)
      return kInt(a->value + b->value);
    if (a->kind == Kind::Binary && a->op == KOp::Add && a->b->kind == Kind::Int)
      return add(a->a, kInt(a->b->value + b->value));
  }
  return kBinary(KOp::Add, std::move(a), std::move(b));
}

KExpr sub(KExpr a, KExpr b) {
  if (isInt(b, 0))
    return a;
  return kBinary(KOp::Sub, std::move(a), std::move(b));
}

KExpr mul(KExpr a, KExpr b) {
  if (isInt(a, 0) || isInt(b, 0))
    return kInt(0);
  if (isInt(a, 1))
    return b;
  if (isInt(b, 1))
    return a;
  return kBinary(KOp::Mul, std::move(a), std::move(b));
}

KExpr div(KExpr a, KExpr b) {
  if (isInt(a, 0))
    return a;
  if (isInt(b, 1))
    return a;
  return kBinary(KOp::Div, std::move(a), std::move(b));
}

KExpr mod(KExpr a, KExpr b) {
  if (isInt(a, 0) || isInt(b, 1))
    return kInt(0);
  return kBinary(KOp::Mod, std::move(a), std::move(b));
}

KExpr conjunction(const std::vector<KExpr> &conds) {
  KExpr out;
  for (const KExpr &c : conds)
    out = out ? kBinary(KOp::And, out, c) : c;
  return out;
}

KExpr tileCount(const ir::Expr &size, int64_t per) {
  if (auto c = ir::asConstInt(size))
    return kInt((*c + per - 1) / per);
  if (auto d = divideByTile(size, per))
    return kIr(*d);
  return div(add(kIr(size), per - 1), per);
}

std::optional<int64_t> constValue(const KExpr &e) {
  if (e->kind == Kind::Int)
    return e->value;
  return std::nullopt;
}

bool sameExpr(const KExpr &a, const KExpr &b) {
  if (!a || !b)
    return a == b;
  if (a->kind != b->kind || a->value != b->value || a->text != b->text || a->constant != b->constant ||
      a->format != b->format || a->real != b->real || a->pattern != b->pattern || a->op != b->op ||
      a->names != b->names || a->args.size() != b->args.size() || a->tmpl.size() != b->tmpl.size())
    return false;
  if (a->kind == Kind::Ir && a->ir != b->ir && cxx(a->ir) != cxx(b->ir))
    return false;
  for (size_t i = 0; i < a->args.size(); ++i)
    if (!sameExpr(a->args[i], b->args[i]))
      return false;
  for (size_t i = 0; i < a->tmpl.size(); ++i)
    if (!sameExpr(a->tmpl[i], b->tmpl[i]))
      return false;
  return sameExpr(a->a, b->a) && sameExpr(a->b, b->b);
}

void collectIdentifiers(const KExpr &e, std::vector<std::string> &out) {
  if (!e)
    return;
  if (e->kind == Kind::Name)
    out.push_back(e->text);
  if (e->kind == Kind::Ir) {
    struct Vars : ir::IRVisitor {
      std::vector<std::string> *out;
      void visitVar(const ir::VarNode &v) override { out->push_back(target::symbol(v)); }
    } vars;
    vars.out = &out;
    vars.visit(e->ir);
  }
  collectIdentifiers(e->a, out);
  collectIdentifiers(e->b, out);
  for (const KExpr &x : e->args)
    collectIdentifiers(x, out);
  for (const KExpr &x : e->tmpl)
    collectIdentifiers(x, out);
}

bool usesName(const KExpr &e, const std::string &name) {
  if (!e)
    return false;
  if (e->kind == Kind::Name && e->text == name)
    return true;
  if (usesName(e->a, name) || usesName(e->b, name))
    return true;
  for (const auto *list : {&e->args, &e->tmpl})
    for (const KExpr &x : *list)
      if (usesName(x, name))
        return true;
  return false;
}

// ---- printing ----

namespace {

const ir::Expr &stripCasts(const ir::Expr &e) {
  if (auto *c = e->as<ir::Cast>())
    return stripCasts(c->value);
  return e;
}

bool isBinary(const KExpr &e, std::initializer_list<KOp> ops) {
  if (e->kind != Kind::Binary)
    return false;
  for (KOp op : ops)
    if (e->op == op)
      return true;
  return false;
}

bool irIsSum(const KExpr &e) {
  if (e->kind != Kind::Ir)
    return false;
  auto *b = stripCasts(e->ir)->as<ir::Binary>();
  return b && (b->op == ir::BinaryOp::Add || b->op == ir::BinaryOp::Sub);
}

// A sum or difference: parenthesised inside a product and on the left of a comparison.
bool isSum(const KExpr &e) { return isBinary(e, {KOp::Add, KOp::Sub}) || irIsSum(e); }

// More than one token: parenthesised under a quotient and on the right of a comparison, so that
// integer division and the bound of a test each read as one quantity.
bool isCompound(const KExpr &e) {
  if (e->kind == Kind::Binary)
    return true;
  if (e->kind != Kind::Ir)
    return false;
  const ir::Expr &x = stripCasts(e->ir);
  return x->as<ir::Binary>() || x->as<ir::Select>();
}

const char *opSymbol(KOp op) {
  switch (op) {
  case KOp::Add: return "+";
  case KOp::Sub: return "-";
  case KOp::Mul: return "*";
  case KOp::Div: return "/";
  case KOp::Mod: return "%";
  case KOp::Lt: return "<";
  case KOp::Ge: return ">=";
  case KOp::And: return "&&";
  case KOp::Or: return "||";
  case KOp::Shr: return ">>";
  case KOp::Max: return "max";
  }
  return "?";
}

// Whether an operand of `op` (on the left when `left`) is printed in parentheses. Products
// parenthesise sums and quotients (`(t % 4) * 2`: integer division does not associate with
// multiplication, the parentheses show the grouping); quotients everything compound.
bool needsParens(KOp op, bool left, const KExpr &x) {
  switch (op) {
  case KOp::Add: return isBinary(x, {KOp::Lt, KOp::Ge, KOp::And, KOp::Or});
  case KOp::Sub: return isBinary(x, {KOp::Lt, KOp::Ge, KOp::And, KOp::Or}) || (!left && isSum(x));
  case KOp::Mul: return isSum(x) || isBinary(x, {KOp::Div, KOp::Mod});
  case KOp::Div:
  case KOp::Mod:
  case KOp::Shr: return isCompound(x);
  case KOp::Lt:
  case KOp::Ge: return left ? isSum(x) : isCompound(x);
  case KOp::And:
  case KOp::Or: return isBinary(x, {KOp::And, KOp::Or}) && x->op != op;
  case KOp::Max: return false;
  }
  return false;
}

std::string bitsLiteral(const KExprNode &n) {
  float f = static_cast<float>(n.real);
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  std::string value = fmt::format("{}", f);
  if (value.find_first_of(".en") == std::string::npos)
    value += ".0";
  if (n.pattern == KExprNode::Pattern::Float32)
    return fmt::format("0x{:08x}u /* {} */", bits, value);
  uint32_t bf16 = (bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16; // round to nearest even
  return fmt::format("0x{:08X}u /* {} bf16 x2 */", (bf16 << 16) | bf16, value);
}

class Printer {
public:
  explicit Printer(const ApiTable *calls) : calls_(calls) {}

  std::string print(const KExpr &e) const {
    switch (e->kind) {
    case Kind::Int: return std::to_string(e->value);
    case Kind::Name: return e->text;
    case Kind::Ir: return cxx(e->ir);
    case Kind::Const: return constSpelling(e->constant);
    case Kind::CbIndex: return "tt::CBIndex::c_" + std::to_string(e->value);
    case Kind::Format: return std::string("DataFormat::") + dataFormatName(e->format);
    case Kind::Float: return floatLiteral(e->real);
    case Kind::Bits: return bitsLiteral(*e);
    case Kind::Binary: return binary(*e);
    case Kind::Not: return "!" + operand(e->a, isCompound(e->a));
    case Kind::Call: return call(*e);
    case Kind::Helper: return e->text + "(" + list(e->args) + ")";
    case Kind::Index: return print(e->a) + "[" + print(e->b) + "]";
    case Kind::L1Ptr: return "reinterpret_cast<volatile tt_l1_ptr uint32_t*>(" + print(e->a) + ")";
    case Kind::Fields: return fields(*e);
    }
    return "";
  }

private:
  const ApiTable *calls_;

  std::string operand(const KExpr &x, bool parens) const { return parens ? "(" + print(x) + ")" : print(x); }

  std::string binary(const KExprNode &n) const {
    if (n.op == KOp::Max)
      return "std::max(" + print(n.a) + ", " + print(n.b) + ")";
    return operand(n.a, needsParens(n.op, true, n.a)) + " " + opSymbol(n.op) + " " +
           operand(n.b, needsParens(n.op, false, n.b));
  }

  std::string list(const std::vector<KExpr> &xs) const {
    std::string out;
    for (const KExpr &x : xs)
      out += (out.empty() ? "" : ", ") + print(x);
    return out;
  }

  std::string call(const KExprNode &n) const {
    if (!calls_)
      throw std::logic_error("the TT call '" + n.text + "' is printed without an API table");
    std::vector<std::string> tmpl, args;
    for (const KExpr &x : n.tmpl)
      tmpl.push_back(print(x));
    for (const KExpr &x : n.args)
      args.push_back(print(x));
    return calls_->spell(n.text, tmpl, args);
  }

  std::string fields(const KExprNode &n) const {
    std::string out;
    for (size_t i = 0; i < n.names.size(); ++i)
      out += fmt::format("{}.{} = {}", i ? ", " : "", n.names[i], print(n.args[i]));
    return "{" + out + "}";
  }
};

} // namespace

std::string printKExpr(const KExpr &e, const ApiTable *calls) { return Printer(calls).print(e); }

} // namespace tilec::tt
