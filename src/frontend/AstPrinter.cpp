#include "frontend/AstPrinter.h"

#include <charconv>
#include <cmath>

namespace tilec {

namespace {

using namespace ast;

std::string quote(const std::string &s) {
  static const char *hex = "0123456789abcdef";
  std::string out = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '\r': out += "\\r"; break;
    default:
      if (u < 0x20 || u == 0x7f) {
        out += "\\x";
        out += hex[u >> 4];
        out += hex[u & 15];
      } else {
        out += c; // UTF-8 passes through
      }
    }
  }
  return out + "\"";
}

// Shortest text that reads back to the same double, Python-style (`1.0`, `0.001`, `1e+20`).
std::string formatFloat(double v) {
  if (std::isnan(v))
    return "nan";
  if (std::isinf(v))
    return v > 0 ? "inf" : "-inf";
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof(buf), v);
  std::string s(buf, result.ptr);
  if (s.find_first_of(".e") == std::string::npos)
    s += ".0";
  return s;
}

class Printer {
public:
  explicit Printer(const AstPrintOptions &options) : options_(options) {}

  std::string module(const Module &m) {
    for (const Directive &d : m.directives)
      out_ += "# tilec: " + d.flags + "\n";
    block(m.body, 0);
    return std::move(out_);
  }

  static std::string expr(const Expr &e);

private:
  void line(int indent, const std::string &text, SourceLoc loc) {
    out_.append(static_cast<size_t>(indent) * 2, ' ');
    out_ += text;
    if (options_.withLocations)
      out_ += "  @" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
    out_ += "\n";
  }
  void block(const StmtList &body, int indent) {
    for (const StmtPtr &s : body)
      stmt(*s, indent);
  }
  void stmt(const Stmt &s, int indent);
  void ifStmt(const If &s, int indent, bool asElif);

  const AstPrintOptions &options_;
  std::string out_;
};

std::string exprOrNone(const ExprPtr &e) { return e ? Printer::expr(*e) : "_"; }

std::string joinExprs(const ExprList &list) {
  std::string out;
  for (const ExprPtr &e : list)
    out += " " + Printer::expr(*e);
  return out;
}

std::string keywordsText(const std::vector<Keyword> &keywords) {
  std::string out;
  for (const Keyword &k : keywords)
    out += k.name.empty() ? " (** " + Printer::expr(*k.value) + ")"
                          : " (kw " + k.name + " " + Printer::expr(*k.value) + ")";
  return out;
}

std::string argText(const Arg &a, const char *prefix = "") {
  std::string out = prefix + a.name;
  if (a.annotation)
    out += ": " + Printer::expr(*a.annotation);
  if (a.defaultValue)
    out += " = " + Printer::expr(*a.defaultValue);
  return out;
}

std::string argumentsText(const Arguments &args) {
  if (args.elided)
    return "...";
  std::vector<std::string> parts;
  for (const Arg &a : args.posonly)
    parts.push_back(argText(a));
  if (!args.posonly.empty())
    parts.push_back("/");
  for (const Arg &a : args.args)
    parts.push_back(argText(a));
  if (args.vararg)
    parts.push_back(argText(*args.vararg, "*"));
  else if (!args.kwonly.empty())
    parts.push_back("*");
  for (const Arg &a : args.kwonly)
    parts.push_back(argText(a));
  if (args.kwarg)
    parts.push_back(argText(*args.kwarg, "**"));
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i)
    out += (i ? ", " : "") + parts[i];
  return out;
}

std::string comprehensionText(const std::vector<Comprehension> &generators) {
  std::string out;
  for (const Comprehension &c : generators) {
    out += c.isAsync ? " (async-for " : " (for ";
    out += Printer::expr(*c.target) + " " + Printer::expr(*c.iter);
    for (const ExprPtr &cond : c.ifs)
      out += " (if " + Printer::expr(*cond) + ")";
    out += ")";
  }
  return out;
}

std::string constantText(const Constant &c) {
  switch (c.valueKind) {
  case ConstantKind::None: return "None";
  case ConstantKind::Bool: return c.boolValue ? "True" : "False";
  case ConstantKind::Int: return std::to_string(c.intValue);
  case ConstantKind::Float: return formatFloat(c.floatValue);
  case ConstantKind::Imaginary: return formatFloat(c.floatValue) + "j";
  case ConstantKind::Str: return quote(c.strValue);
  case ConstantKind::Bytes: return "b" + quote(c.strValue);
  case ConstantKind::Ellipsis: return "...";
  }
  return "?";
}

std::string Printer::expr(const Expr &e) {
  switch (e.kind) {
  case ExprKind::Name:
    return e.as<Name>().id;
  case ExprKind::Constant:
    return constantText(e.as<Constant>());
  case ExprKind::JoinedStr:
    return "(fstring" + joinExprs(e.as<JoinedStr>().values) + ")";
  case ExprKind::FormattedValue: {
    const auto &f = e.as<FormattedValue>();
    std::string out = "(fmt " + expr(*f.value);
    if (f.selfDocumenting)
      out += " =";
    if (f.conversion)
      out += std::string(" !") + f.conversion;
    if (!f.formatSpec.empty())
      out += " :" + quote(f.formatSpec);
    return out + ")";
  }
  case ExprKind::BinOp: {
    const auto &b = e.as<BinOp>();
    return std::string("(") + spelling(b.op) + " " + expr(*b.left) + " " + expr(*b.right) + ")";
  }
  case ExprKind::UnaryOp: {
    const auto &u = e.as<UnaryOp>();
    const char *name = u.op == UnaryOpKind::USub  ? "neg"
                       : u.op == UnaryOpKind::UAdd ? "pos"
                                                   : spelling(u.op);
    return std::string("(") + name + " " + expr(*u.operand) + ")";
  }
  case ExprKind::BoolOp: {
    const auto &b = e.as<BoolOp>();
    return std::string("(") + spelling(b.op) + joinExprs(b.values) + ")";
  }
  case ExprKind::Compare: {
    const auto &c = e.as<Compare>();
    std::string out = "(compare " + expr(*c.left);
    for (size_t i = 0; i < c.ops.size(); ++i)
      out += std::string(" ") + spelling(c.ops[i]) + " " + expr(*c.comparators[i]);
    return out + ")";
  }
  case ExprKind::Call: {
    const auto &c = e.as<Call>();
    return "(call " + expr(*c.func) + joinExprs(c.args) + keywordsText(c.keywords) + ")";
  }
  case ExprKind::Attribute: {
    const auto &a = e.as<Attribute>();
    return "(. " + expr(*a.value) + " " + a.attr + ")";
  }
  case ExprKind::Subscript: {
    const auto &s = e.as<Subscript>();
    return "(sub " + expr(*s.value) + " " + expr(*s.slice) + ")";
  }
  case ExprKind::Slice: {
    const auto &s = e.as<Slice>();
    return "(slice " + exprOrNone(s.lower) + " " + exprOrNone(s.upper) + " " +
           exprOrNone(s.step) + ")";
  }
  case ExprKind::Tuple:
    return "(tuple" + joinExprs(e.as<Tuple>().elts) + ")";
  case ExprKind::List:
    return "(list" + joinExprs(e.as<List>().elts) + ")";
  case ExprKind::Set:
    return "(set" + joinExprs(e.as<Set>().elts) + ")";
  case ExprKind::Dict: {
    const auto &d = e.as<Dict>();
    std::string out = "(dict";
    for (size_t i = 0; i < d.keys.size(); ++i)
      out += d.keys[i] ? " (" + expr(*d.keys[i]) + " " + expr(*d.values[i]) + ")"
                       : " (** " + expr(*d.values[i]) + ")";
    return out + ")";
  }
  case ExprKind::IfExp: {
    const auto &i = e.as<IfExp>();
    return "(ifexp " + expr(*i.test) + " " + expr(*i.body) + " " + expr(*i.orelse) + ")";
  }
  case ExprKind::Lambda: {
    const auto &l = e.as<Lambda>();
    return "(lambda (" + argumentsText(l.args) + ") " + expr(*l.body) + ")";
  }
  case ExprKind::ListComp: {
    const auto &c = e.as<ListComp>();
    return "(listcomp " + expr(*c.elt) + comprehensionText(c.generators) + ")";
  }
  case ExprKind::SetComp: {
    const auto &c = e.as<SetComp>();
    return "(setcomp " + expr(*c.elt) + comprehensionText(c.generators) + ")";
  }
  case ExprKind::GeneratorExp: {
    const auto &c = e.as<GeneratorExp>();
    return "(genexp " + expr(*c.elt) + comprehensionText(c.generators) + ")";
  }
  case ExprKind::DictComp: {
    const auto &c = e.as<DictComp>();
    return "(dictcomp " + expr(*c.key) + " " + expr(*c.value) +
           comprehensionText(c.generators) + ")";
  }
  case ExprKind::Starred:
    return "(* " + expr(*e.as<Starred>().value) + ")";
  case ExprKind::NamedExpr: {
    const auto &n = e.as<NamedExpr>();
    return "(:= " + expr(*n.target) + " " + expr(*n.value) + ")";
  }
  case ExprKind::Await:
    return "(await " + expr(*e.as<Await>().value) + ")";
  case ExprKind::Yield: {
    const auto &y = e.as<Yield>();
    return y.value ? "(yield " + expr(*y.value) + ")" : "(yield)";
  }
  case ExprKind::YieldFrom:
    return "(yield-from " + expr(*e.as<YieldFrom>().value) + ")";
  }
  return "(?)";
}

std::string aliasesText(const std::vector<Alias> &names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    out += (i ? ", " : "") + names[i].name;
    if (!names[i].asname.empty())
      out += " as " + names[i].asname;
  }
  return out;
}

std::string namesText(const std::vector<std::string> &names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i)
    out += (i ? ", " : "") + names[i];
  return out;
}

void Printer::ifStmt(const If &s, int indent, bool asElif) {
  line(indent, (asElif ? "elif " : "if ") + expr(*s.test), s.loc);
  block(s.body, indent + 1);
  if (s.orelse.empty())
    return;
  const If *elif = s.orelse.size() == 1 ? s.orelse[0]->dyn_cast<If>() : nullptr;
  if (elif && elif->isElif)
    return ifStmt(*elif, indent, true);
  line(indent, "else", s.loc);
  block(s.orelse, indent + 1);
}

void Printer::stmt(const Stmt &s, int indent) {
  switch (s.kind) {
  case StmtKind::FunctionDef: {
    const auto &f = s.as<FunctionDef>();
    for (const ExprPtr &d : f.decorators)
      line(indent, "@" + expr(*d), d->loc);
    std::string header = std::string(f.isAsync ? "async def " : "def ") + f.name + "(" +
                         argumentsText(f.args) + ")";
    if (f.returns)
      header += " -> " + expr(*f.returns);
    line(indent, header, f.loc);
    return block(f.body, indent + 1);
  }
  case StmtKind::ClassDef: {
    const auto &c = s.as<ClassDef>();
    for (const ExprPtr &d : c.decorators)
      line(indent, "@" + expr(*d), d->loc);
    std::string bases = joinExprs(c.bases) + keywordsText(c.keywords);
    line(indent, "class " + c.name + (bases.empty() ? "" : "(" + bases.substr(1) + ")"), c.loc);
    return block(c.body, indent + 1);
  }
  case StmtKind::Return: {
    const auto &r = s.as<Return>();
    return line(indent, r.value ? "return " + expr(*r.value) : "return", s.loc);
  }
  case StmtKind::Delete:
    return line(indent, "del" + joinExprs(s.as<Delete>().targets), s.loc);
  case StmtKind::Assign: {
    const auto &a = s.as<Assign>();
    std::string text = "assign";
    for (const ExprPtr &t : a.targets)
      text += " " + expr(*t) + " =";
    return line(indent, text + " " + expr(*a.value), s.loc);
  }
  case StmtKind::AugAssign: {
    const auto &a = s.as<AugAssign>();
    return line(indent,
                "augassign " + expr(*a.target) + " " + spelling(a.op) + "= " + expr(*a.value),
                s.loc);
  }
  case StmtKind::AnnAssign: {
    const auto &a = s.as<AnnAssign>();
    std::string text = "annassign " + expr(*a.target) + " : " + expr(*a.annotation);
    if (a.value)
      text += " = " + expr(*a.value);
    return line(indent, text, s.loc);
  }
  case StmtKind::For: {
    const auto &f = s.as<For>();
    line(indent,
         std::string(f.isAsync ? "async for " : "for ") + expr(*f.target) + " in " +
             expr(*f.iter),
         s.loc);
    block(f.body, indent + 1);
    if (!f.orelse.empty()) {
      line(indent, "else", s.loc);
      block(f.orelse, indent + 1);
    }
    return;
  }
  case StmtKind::While: {
    const auto &w = s.as<While>();
    line(indent, "while " + expr(*w.test), s.loc);
    block(w.body, indent + 1);
    if (!w.orelse.empty()) {
      line(indent, "else", s.loc);
      block(w.orelse, indent + 1);
    }
    return;
  }
  case StmtKind::If:
    return ifStmt(s.as<If>(), indent, false);
  case StmtKind::With: {
    const auto &w = s.as<With>();
    std::string text = w.isAsync ? "async with " : "with ";
    for (size_t i = 0; i < w.items.size(); ++i) {
      text += (i ? ", " : "") + expr(*w.items[i].contextExpr);
      if (w.items[i].optionalVars)
        text += " as " + expr(*w.items[i].optionalVars);
    }
    line(indent, text, s.loc);
    return block(w.body, indent + 1);
  }
  case StmtKind::Raise: {
    const auto &r = s.as<Raise>();
    std::string text = "raise";
    if (r.exc)
      text += " " + expr(*r.exc);
    if (r.cause)
      text += " from " + expr(*r.cause);
    return line(indent, text, s.loc);
  }
  case StmtKind::Try: {
    const auto &t = s.as<Try>();
    line(indent, "try", s.loc);
    block(t.body, indent + 1);
    for (const ExceptHandler &h : t.handlers) {
      std::string text = "except";
      if (h.type)
        text += " " + expr(*h.type);
      if (!h.name.empty())
        text += " as " + h.name;
      line(indent, text, h.loc);
      block(h.body, indent + 1);
    }
    if (!t.orelse.empty()) {
      line(indent, "else", s.loc);
      block(t.orelse, indent + 1);
    }
    if (!t.finalbody.empty()) {
      line(indent, "finally", s.loc);
      block(t.finalbody, indent + 1);
    }
    return;
  }
  case StmtKind::Assert: {
    const auto &a = s.as<Assert>();
    return line(indent, "assert " + expr(*a.test) + (a.msg ? ", " + expr(*a.msg) : ""), s.loc);
  }
  case StmtKind::Import:
    return line(indent, "import " + aliasesText(s.as<Import>().names), s.loc);
  case StmtKind::ImportFrom: {
    const auto &i = s.as<ImportFrom>();
    return line(indent,
                "from " + std::string(static_cast<size_t>(i.level), '.') + i.module + " import " +
                    aliasesText(i.names),
                s.loc);
  }
  case StmtKind::Global:
    return line(indent, "global " + namesText(s.as<Global>().names), s.loc);
  case StmtKind::Nonlocal:
    return line(indent, "nonlocal " + namesText(s.as<Nonlocal>().names), s.loc);
  case StmtKind::ExprStmt:
    return line(indent, "expr " + expr(*s.as<ExprStmt>().value), s.loc);
  case StmtKind::Pass:
    return line(indent, "pass", s.loc);
  case StmtKind::Break:
    return line(indent, "break", s.loc);
  case StmtKind::Continue:
    return line(indent, "continue", s.loc);
  }
}

} // namespace

std::string printAst(const ast::Module &module, const AstPrintOptions &options) {
  return Printer(options).module(module);
}

std::string printExpr(const ast::Expr &expr) { return Printer::expr(expr); }

} // namespace tilec
