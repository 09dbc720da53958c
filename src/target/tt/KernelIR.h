// The statements of a generated kernel (reader, compute or writer), before printing.
//
// Calls name TT-Metalium operations by a canonical op name ("matmul_tiles", "read_page", ...);
// the printer spells them at the chosen API level through the table in ApiTable.cpp, so one
// kernel description prints as 2025 or 2026 code.
#pragma once

#include <string>
#include <vector>

namespace tilec::tt {

struct KStmt {
  enum class Kind { Call, Decl, For, If, Comment, Raw };
  Kind kind = Kind::Raw;
  std::string op;                 // Call: canonical op name (key of the API table)
  std::vector<std::string> tmpl;  // Call: template arguments
  std::vector<std::string> args;  // Call: arguments, as C++ expressions
  std::string text;               // Decl: "uint32_t name"; For: loop variable; If: condition;
                                  // Comment: text; Raw: one statement without the ';'
  std::string init;               // Decl: initial value; For: first value
  std::string end;                // For: bound (exclusive)
  std::string step;               // For: increment ("" = 1)
  std::vector<KStmt> body;        // For / If
};
using KBody = std::vector<KStmt>;

inline KStmt kCall(std::string op, std::vector<std::string> args, std::vector<std::string> tmpl = {}) {
  KStmt s;
  s.kind = KStmt::Kind::Call;
  s.op = std::move(op);
  s.args = std::move(args);
  s.tmpl = std::move(tmpl);
  return s;
}
inline KStmt kDecl(std::string typeAndName, std::string init) {
  KStmt s;
  s.kind = KStmt::Kind::Decl;
  s.text = std::move(typeAndName);
  s.init = std::move(init);
  return s;
}
inline KStmt kFor(std::string var, std::string begin, std::string end, KBody body) {
  KStmt s;
  s.kind = KStmt::Kind::For;
  s.text = std::move(var);
  s.init = std::move(begin);
  s.end = std::move(end);
  s.body = std::move(body);
  return s;
}
inline KStmt kIf(std::string cond, KBody body) {
  KStmt s;
  s.kind = KStmt::Kind::If;
  s.text = std::move(cond);
  s.body = std::move(body);
  return s;
}
inline KStmt kComment(std::string text) {
  KStmt s;
  s.kind = KStmt::Kind::Comment;
  s.text = std::move(text);
  return s;
}
inline KStmt kRaw(std::string text) {
  KStmt s;
  s.kind = KStmt::Kind::Raw;
  s.text = std::move(text);
  return s;
}

// Appends `more` to `body`.
inline void append(KBody &body, const KBody &more) { body.insert(body.end(), more.begin(), more.end()); }

} // namespace tilec::tt
