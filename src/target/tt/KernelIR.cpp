#include "target/tt/KernelIR.h"

namespace tilec::tt {

const char *typeSpelling(KType t) {
  switch (t) {
  case KType::U32: return "uint32_t";
  case KType::ConstU32: return "const uint32_t";
  case KType::MaybeUnusedU32: return "[[maybe_unused]] const uint32_t";
  case KType::ConstexprU32: return "constexpr uint32_t";
  case KType::L1Words: return "volatile tt_l1_ptr uint32_t*";
  case KType::ConstexprAuto: return "constexpr auto";
  case KType::ConstAuto: return "const auto";
  case KType::InterleavedAddrGen: return "const InterleavedAddrGenFast<true>";
  }
  return "";
}

namespace {

// A statement of kind `k` whose fields `fill` sets.
template <class Fill> KStmt stmt(KStmt::Kind kind, const Fill &fill) {
  KStmt s;
  s.kind = kind;
  fill(s);
  return s;
}

} // namespace

KStmt kCall(std::string op, std::vector<KExpr> args, std::vector<KExpr> tmpl) {
  return stmt(KStmt::Kind::Call, [&](KStmt &s) { s.op = std::move(op), s.args = std::move(args), s.tmpl = std::move(tmpl); });
}

KStmt kCall(std::string op, std::vector<std::string> args, std::vector<std::string> tmpl) {
  std::vector<KExpr> a, t;
  for (std::string &x : args)
    a.push_back(kName(std::move(x)));
  for (std::string &x : tmpl)
    t.push_back(kName(std::move(x)));
  return kCall(std::move(op), std::move(a), std::move(t));
}

KStmt kDecl(KType type, KExpr var, KExpr init) {
  return stmt(KStmt::Kind::Decl, [&](KStmt &s) { s.type = type, s.var = std::move(var), s.value = std::move(init); });
}
KStmt kAssign(KExpr target, KExpr value) {
  return stmt(KStmt::Kind::Assign, [&](KStmt &s) { s.var = std::move(target), s.value = std::move(value); });
}
KStmt kAddAssign(KExpr target, KExpr value) {
  return stmt(KStmt::Kind::AddAssign, [&](KStmt &s) { s.var = std::move(target), s.value = std::move(value); });
}
KStmt kFor(KExpr var, KExpr begin, KExpr end, KBody body, KExpr step) {
  return stmt(KStmt::Kind::For, [&](KStmt &s) {
    s.var = std::move(var), s.value = std::move(begin), s.end = std::move(end), s.step = std::move(step);
    s.body = std::move(body);
  });
}
KStmt kIf(KExpr cond, KBody body) {
  return stmt(KStmt::Kind::If, [&](KStmt &s) { s.value = std::move(cond), s.body = std::move(body); });
}
KStmt kComment(std::string text) {
  return stmt(KStmt::Kind::Comment, [&](KStmt &s) { s.text = std::move(text); });
}
KStmt kContinue() {
  return stmt(KStmt::Kind::Continue, [](KStmt &) {});
}

namespace {

bool sameList(const std::vector<KExpr> &a, const std::vector<KExpr> &b) {
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!sameExpr(a[i], b[i]))
      return false;
  return true;
}

} // namespace

bool sameStmt(const KStmt &a, const KStmt &b) {
  if (a.kind != b.kind || a.op != b.op || a.type != b.type || a.text != b.text || a.body.size() != b.body.size())
    return false;
  if (!sameList(a.tmpl, b.tmpl) || !sameList(a.args, b.args) || !sameExpr(a.var, b.var) ||
      !sameExpr(a.value, b.value) || !sameExpr(a.end, b.end) || !sameExpr(a.step, b.step))
    return false;
  for (size_t i = 0; i < a.body.size(); ++i)
    if (!sameStmt(a.body[i], b.body[i]))
      return false;
  return true;
}

bool usesName(const KBody &body, const std::string &name) {
  bool found = false;
  for (const KStmt &s : body)
    forEachExpr(s, [&](const KExpr &e) { found = found || usesName(e, name); });
  return found;
}

std::vector<std::string> identifiersUsed(const KBody &body) {
  std::vector<std::string> out;
  for (const KStmt &s : body)
    forEachExpr(s, [&](const KExpr &e) { collectIdentifiers(e, out); });
  return out;
}

} // namespace tilec::tt
