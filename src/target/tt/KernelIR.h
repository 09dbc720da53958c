// The statements of a generated kernel (reader, compute or writer), before printing.
//
// Calls name TT-Metalium operations by a canonical op name ("matmul_tiles", "read_page", ...);
// the printer spells them at the chosen API level through the table in ApiTable.cpp, so one
// kernel description prints as 2025 or 2026 code, and nothing reaches a kernel that the table has
// not vetted. Arguments, bounds, conditions and values are typed expressions (KernelExpr.h).
#pragma once

#include "target/tt/KernelExpr.h"

#include <string>
#include <vector>

namespace tilec::tt {

// The type a kernel declares a local with.
enum class KType {
  U32,                // uint32_t (a running L1 address)
  ConstU32,           // const uint32_t
  MaybeUnusedU32,     // [[maybe_unused]] const uint32_t (lets and block indices a kernel may not read)
  ConstexprU32,       // constexpr uint32_t (CB indices)
  L1Words,            // volatile tt_l1_ptr uint32_t* (words of L1 written in place)
  ConstexprAuto,      // constexpr auto (TensorAccessorArgs)
  ConstAuto,          // const auto (TensorAccessor)
  InterleavedAddrGen, // const InterleavedAddrGenFast<true> (the 2025 level's address generator)
};
const char *typeSpelling(KType t);

struct KStmt {
  enum class Kind { Call, Decl, Assign, AddAssign, For, If, Comment, Continue };
  Kind kind = Kind::Comment;
  std::string op;          // Call: canonical op name (key of the API table)
  std::vector<KExpr> tmpl; // Call: template arguments
  std::vector<KExpr> args; // Call: arguments
  KType type = KType::ConstU32; // Decl
  KExpr var;               // Decl: the name declared; For: the loop variable; (Add)Assign: the target
  KExpr value;             // Decl: initial value; (Add)Assign: value; For: first value; If: condition
  KExpr end;               // For: bound (exclusive)
  KExpr step;              // For: increment (null = 1)
  std::string text;        // Comment
  std::vector<KStmt> body; // For / If
};
using KBody = std::vector<KStmt>;

KStmt kCall(std::string op, std::vector<KExpr> args = {}, std::vector<KExpr> tmpl = {});
// A call whose arguments are already C++ text (for the API table's own tests); the kernels build
// calls from expressions.
KStmt kCall(std::string op, std::vector<std::string> args, std::vector<std::string> tmpl = {});
KStmt kDecl(KType type, KExpr var, KExpr init);
KStmt kAssign(KExpr target, KExpr value);
KStmt kAddAssign(KExpr target, KExpr value);
KStmt kFor(KExpr var, KExpr begin, KExpr end, KBody body, KExpr step = nullptr);
KStmt kIf(KExpr cond, KBody body);
KStmt kComment(std::string text);
KStmt kContinue();

// Appends `more` to `body`.
inline void append(KBody &body, const KBody &more) { body.insert(body.end(), more.begin(), more.end()); }

// Structural equality of two statements (calls compared by op, template arguments and arguments).
bool sameStmt(const KStmt &a, const KStmt &b);

// Every expression of `s` and of the statements nested in it.
template <class F> void forEachExpr(const KStmt &s, const F &f) {
  for (const KExpr &e : s.tmpl)
    f(e);
  for (const KExpr &e : s.args)
    f(e);
  for (const KExpr &e : {s.var, s.value, s.end, s.step})
    if (e)
      f(e);
  for (const KStmt &x : s.body)
    forEachExpr(x, f);
}

// Does any statement of `body` use the kernel name `name`?
bool usesName(const KBody &body, const std::string &name);
// The identifiers `body` spells outside comments: kernel names and the symbols of IR variables.
std::vector<std::string> identifiersUsed(const KBody &body);

} // namespace tilec::tt
