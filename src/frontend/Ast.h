// The syntax tree of a Python file, shaped like Python's own `ast` module.
//
// Ownership: every node owns its children through std::unique_ptr; a Module owns the whole tree.
// Walking: every Expr / Stmt has a `kind`; `node->dyn_cast<ast::Call>()` gives the concrete node or
// nullptr, `isa<T>()` tests, `as<T>()` casts when the kind is already known. Every node has the
// SourceLoc of its first token (for operators: the left operand's start, like Python).
//
//   for (const ast::StmtPtr &s : module.body)
//     if (auto *fn = s->dyn_cast<ast::FunctionDef>())
//       for (const ast::ExprPtr &d : fn->decorators) ...
#pragma once

#include "support/Diagnostics.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tilec::ast {

// ---------------------------------------------------------------------------------------------
// Expressions

enum class ExprKind {
  Name,
  Constant,
  JoinedStr,      // f-string
  FormattedValue, // one `{expr!r:spec}` field of an f-string
  BinOp,
  UnaryOp,
  BoolOp,
  Compare,
  Call,
  Attribute,
  Subscript,
  Slice,
  Tuple,
  List,
  Dict,
  Set,
  IfExp,
  Lambda,
  ListComp,
  SetComp,
  DictComp,
  GeneratorExp,
  Starred,
  NamedExpr,
  Await,
  Yield,
  YieldFrom,
};

// What expressions and statements share: a kind, a location, and LLVM-style casts by kind
// (each concrete node names its kind as `static constexpr ... Kind`).
template <class KindT> struct Node {
  const KindT kind;
  SourceLoc loc;

  virtual ~Node() = default;
  Node(const Node &) = delete;
  Node &operator=(const Node &) = delete;

  template <class T> bool isa() const { return kind == T::Kind; }
  template <class T> const T *dyn_cast() const {
    return isa<T>() ? static_cast<const T *>(this) : nullptr;
  }
  template <class T> T *dyn_cast() { return isa<T>() ? static_cast<T *>(this) : nullptr; }
  template <class T> const T &as() const { return static_cast<const T &>(*this); }

protected:
  Node(KindT k, SourceLoc l) : kind(k), loc(l) {}
};

struct Expr : Node<ExprKind> {
protected:
  Expr(ExprKind k, SourceLoc l) : Node(k, l) {}
};
using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

struct Name : Expr {
  static constexpr ExprKind Kind = ExprKind::Name;
  std::string id;
  Name(SourceLoc l, std::string i) : Expr(Kind, l), id(std::move(i)) {}
};

enum class ConstantKind { None, Bool, Int, Float, Imaginary, Str, Bytes, Ellipsis };

struct Constant : Expr {
  static constexpr ExprKind Kind = ExprKind::Constant;
  ConstantKind valueKind = ConstantKind::None;
  bool boolValue = false;
  int64_t intValue = 0;
  double floatValue = 0.0; // Float, and the imaginary part of Imaginary
  std::string strValue;    // Str (UTF-8) and Bytes, escapes decoded
  explicit Constant(SourceLoc l) : Expr(Kind, l) {}
};

// f"a {x!r:>10} b": values are Constant(Str) pieces and FormattedValue fields, in order.
struct JoinedStr : Expr {
  static constexpr ExprKind Kind = ExprKind::JoinedStr;
  ExprList values;
  explicit JoinedStr(SourceLoc l) : Expr(Kind, l) {}
};

struct FormattedValue : Expr {
  static constexpr ExprKind Kind = ExprKind::FormattedValue;
  ExprPtr value;
  char conversion = 0;    // 'r', 's', 'a' or 0
  std::string formatSpec; // raw text after ':' (nested fields are not expanded)
  bool selfDocumenting = false; // f"{x=}"
  FormattedValue(SourceLoc l, ExprPtr v) : Expr(Kind, l), value(std::move(v)) {}
};

enum class BinOpKind { Add, Sub, Mult, MatMult, Div, FloorDiv, Mod, Pow, LShift, RShift, BitOr,
                       BitXor, BitAnd };
enum class UnaryOpKind { Not, Invert, UAdd, USub };
enum class BoolOpKind { And, Or };
enum class CmpOpKind { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

// Python spellings: "+", "//", "not", "is not", ...
const char *spelling(BinOpKind op);
const char *spelling(UnaryOpKind op);
const char *spelling(BoolOpKind op);
const char *spelling(CmpOpKind op);

struct BinOp : Expr {
  static constexpr ExprKind Kind = ExprKind::BinOp;
  BinOpKind op;
  ExprPtr left, right;
  BinOp(SourceLoc l, BinOpKind o, ExprPtr a, ExprPtr b)
      : Expr(Kind, l), op(o), left(std::move(a)), right(std::move(b)) {}
};

struct UnaryOp : Expr {
  static constexpr ExprKind Kind = ExprKind::UnaryOp;
  UnaryOpKind op;
  ExprPtr operand;
  UnaryOp(SourceLoc l, UnaryOpKind o, ExprPtr e) : Expr(Kind, l), op(o), operand(std::move(e)) {}
};

// `a and b and c` is one BoolOp with three values.
struct BoolOp : Expr {
  static constexpr ExprKind Kind = ExprKind::BoolOp;
  BoolOpKind op;
  ExprList values;
  BoolOp(SourceLoc l, BoolOpKind o) : Expr(Kind, l), op(o) {}
};

// `a < b <= c`: left = a, ops = {Lt, LtE}, comparators = {b, c}.
struct Compare : Expr {
  static constexpr ExprKind Kind = ExprKind::Compare;
  ExprPtr left;
  std::vector<CmpOpKind> ops;
  ExprList comparators;
  Compare(SourceLoc l, ExprPtr e) : Expr(Kind, l), left(std::move(e)) {}
};

// `name=value`, or `**value` when `name` is empty.
struct Keyword {
  SourceLoc loc;
  std::string name;
  ExprPtr value;
};

// Positional arguments keep their order; `*xs` is a Starred among them.
struct Call : Expr {
  static constexpr ExprKind Kind = ExprKind::Call;
  ExprPtr func;
  ExprList args;
  std::vector<Keyword> keywords;
  Call(SourceLoc l, ExprPtr f) : Expr(Kind, l), func(std::move(f)) {}
};

struct Attribute : Expr {
  static constexpr ExprKind Kind = ExprKind::Attribute;
  ExprPtr value;
  std::string attr;
  SourceLoc attrLoc;
  Attribute(SourceLoc l, ExprPtr v, std::string a, SourceLoc al)
      : Expr(Kind, l), value(std::move(v)), attr(std::move(a)), attrLoc(al) {}
};

// `A[i, j]`: slice is a Tuple(i, j); `A[i]`: slice is i; `A[0:32]`: slice is a Slice.
struct Subscript : Expr {
  static constexpr ExprKind Kind = ExprKind::Subscript;
  ExprPtr value;
  ExprPtr slice;
  Subscript(SourceLoc l, ExprPtr v, ExprPtr s)
      : Expr(Kind, l), value(std::move(v)), slice(std::move(s)) {}
};

// `lower:upper:step`, each part optional (nullptr).
struct Slice : Expr {
  static constexpr ExprKind Kind = ExprKind::Slice;
  ExprPtr lower, upper, step;
  explicit Slice(SourceLoc l) : Expr(Kind, l) {}
};

struct Tuple : Expr {
  static constexpr ExprKind Kind = ExprKind::Tuple;
  ExprList elts;
  bool parenthesized = false;
  explicit Tuple(SourceLoc l) : Expr(Kind, l) {}
};

struct List : Expr {
  static constexpr ExprKind Kind = ExprKind::List;
  ExprList elts;
  explicit List(SourceLoc l) : Expr(Kind, l) {}
};

// `{k: v, **rest}`: for `**rest` the key is nullptr and the value is `rest`.
struct Dict : Expr {
  static constexpr ExprKind Kind = ExprKind::Dict;
  ExprList keys, values;
  explicit Dict(SourceLoc l) : Expr(Kind, l) {}
};

struct Set : Expr {
  static constexpr ExprKind Kind = ExprKind::Set;
  ExprList elts;
  explicit Set(SourceLoc l) : Expr(Kind, l) {}
};

// `body if test else orelse`
struct IfExp : Expr {
  static constexpr ExprKind Kind = ExprKind::IfExp;
  ExprPtr test, body, orelse;
  IfExp(SourceLoc l, ExprPtr t, ExprPtr b, ExprPtr o)
      : Expr(Kind, l), test(std::move(t)), body(std::move(b)), orelse(std::move(o)) {}
};

// One parameter. `defaultValue` and `annotation` may be nullptr.
struct Arg {
  SourceLoc loc;
  std::string name;
  ExprPtr annotation;
  ExprPtr defaultValue;
};

// def f(posonly, /, args, *vararg, kwonly, **kwarg)
struct Arguments {
  std::vector<Arg> posonly;
  std::vector<Arg> args;
  std::unique_ptr<Arg> vararg;
  std::vector<Arg> kwonly;
  std::unique_ptr<Arg> kwarg;
  // `def f(...)`: the parameter list was elided with `...` (pseudo-code in design documents).
  bool elided = false;
};

struct Lambda : Expr {
  static constexpr ExprKind Kind = ExprKind::Lambda;
  Arguments args;
  ExprPtr body;
  explicit Lambda(SourceLoc l) : Expr(Kind, l) {}
};

// `for target in iter if c1 if c2`
struct Comprehension {
  ExprPtr target, iter;
  ExprList ifs;
  bool isAsync = false;
};

struct ListComp : Expr {
  static constexpr ExprKind Kind = ExprKind::ListComp;
  ExprPtr elt;
  std::vector<Comprehension> generators;
  explicit ListComp(SourceLoc l) : Expr(Kind, l) {}
};

struct SetComp : Expr {
  static constexpr ExprKind Kind = ExprKind::SetComp;
  ExprPtr elt;
  std::vector<Comprehension> generators;
  explicit SetComp(SourceLoc l) : Expr(Kind, l) {}
};

struct GeneratorExp : Expr {
  static constexpr ExprKind Kind = ExprKind::GeneratorExp;
  ExprPtr elt;
  std::vector<Comprehension> generators;
  explicit GeneratorExp(SourceLoc l) : Expr(Kind, l) {}
};

struct DictComp : Expr {
  static constexpr ExprKind Kind = ExprKind::DictComp;
  ExprPtr key, value;
  std::vector<Comprehension> generators;
  explicit DictComp(SourceLoc l) : Expr(Kind, l) {}
};

struct Starred : Expr {
  static constexpr ExprKind Kind = ExprKind::Starred;
  ExprPtr value;
  Starred(SourceLoc l, ExprPtr v) : Expr(Kind, l), value(std::move(v)) {}
};

// `target := value`
struct NamedExpr : Expr {
  static constexpr ExprKind Kind = ExprKind::NamedExpr;
  ExprPtr target, value;
  NamedExpr(SourceLoc l, ExprPtr t, ExprPtr v)
      : Expr(Kind, l), target(std::move(t)), value(std::move(v)) {}
};

struct Await : Expr {
  static constexpr ExprKind Kind = ExprKind::Await;
  ExprPtr value;
  Await(SourceLoc l, ExprPtr v) : Expr(Kind, l), value(std::move(v)) {}
};

struct Yield : Expr {
  static constexpr ExprKind Kind = ExprKind::Yield;
  ExprPtr value; // may be nullptr
  Yield(SourceLoc l, ExprPtr v) : Expr(Kind, l), value(std::move(v)) {}
};

struct YieldFrom : Expr {
  static constexpr ExprKind Kind = ExprKind::YieldFrom;
  ExprPtr value;
  YieldFrom(SourceLoc l, ExprPtr v) : Expr(Kind, l), value(std::move(v)) {}
};

// ---------------------------------------------------------------------------------------------
// Statements

enum class StmtKind {
  FunctionDef,
  ClassDef,
  Return,
  Delete,
  Assign,
  AugAssign,
  AnnAssign,
  For,
  While,
  If,
  With,
  Raise,
  Try,
  Assert,
  Import,
  ImportFrom,
  Global,
  Nonlocal,
  ExprStmt,
  Pass,
  Break,
  Continue,
};

struct Stmt : Node<StmtKind> {
protected:
  Stmt(StmtKind k, SourceLoc l) : Node(k, l) {}
};
using StmtPtr = std::unique_ptr<Stmt>;
using StmtList = std::vector<StmtPtr>;

// `loc` is the `def` keyword; decorators come first in the file but are listed here.
struct FunctionDef : Stmt {
  static constexpr StmtKind Kind = StmtKind::FunctionDef;
  std::string name;
  Arguments args;
  StmtList body;
  ExprList decorators;
  ExprPtr returns; // return annotation, may be nullptr
  bool isAsync = false;
  FunctionDef(SourceLoc l, std::string n) : Stmt(Kind, l), name(std::move(n)) {}
};

struct ClassDef : Stmt {
  static constexpr StmtKind Kind = StmtKind::ClassDef;
  std::string name;
  ExprList bases;
  std::vector<Keyword> keywords;
  StmtList body;
  ExprList decorators;
  ClassDef(SourceLoc l, std::string n) : Stmt(Kind, l), name(std::move(n)) {}
};

struct Return : Stmt {
  static constexpr StmtKind Kind = StmtKind::Return;
  ExprPtr value; // may be nullptr
  Return(SourceLoc l, ExprPtr v) : Stmt(Kind, l), value(std::move(v)) {}
};

struct Delete : Stmt {
  static constexpr StmtKind Kind = StmtKind::Delete;
  ExprList targets;
  explicit Delete(SourceLoc l) : Stmt(Kind, l) {}
};

// `a = b = value`: targets = {a, b}. `a, b = value`: one Tuple target.
struct Assign : Stmt {
  static constexpr StmtKind Kind = StmtKind::Assign;
  ExprList targets;
  ExprPtr value;
  explicit Assign(SourceLoc l) : Stmt(Kind, l) {}
};

struct AugAssign : Stmt {
  static constexpr StmtKind Kind = StmtKind::AugAssign;
  ExprPtr target;
  BinOpKind op;
  ExprPtr value;
  AugAssign(SourceLoc l, ExprPtr t, BinOpKind o, ExprPtr v)
      : Stmt(Kind, l), target(std::move(t)), op(o), value(std::move(v)) {}
};

// `target: annotation [= value]`
struct AnnAssign : Stmt {
  static constexpr StmtKind Kind = StmtKind::AnnAssign;
  ExprPtr target, annotation, value; // value may be nullptr
  explicit AnnAssign(SourceLoc l) : Stmt(Kind, l) {}
};

struct For : Stmt {
  static constexpr StmtKind Kind = StmtKind::For;
  ExprPtr target, iter;
  StmtList body, orelse;
  bool isAsync = false;
  explicit For(SourceLoc l) : Stmt(Kind, l) {}
};

struct While : Stmt {
  static constexpr StmtKind Kind = StmtKind::While;
  ExprPtr test;
  StmtList body, orelse;
  explicit While(SourceLoc l) : Stmt(Kind, l) {}
};

// `elif` is an If alone in `orelse` with `isElif` set (kept for printing).
struct If : Stmt {
  static constexpr StmtKind Kind = StmtKind::If;
  ExprPtr test;
  StmtList body, orelse;
  bool isElif = false;
  explicit If(SourceLoc l) : Stmt(Kind, l) {}
};

struct WithItem {
  ExprPtr contextExpr;
  ExprPtr optionalVars; // the `as` target (Name, Tuple, ...), may be nullptr
};

struct With : Stmt {
  static constexpr StmtKind Kind = StmtKind::With;
  std::vector<WithItem> items;
  StmtList body;
  bool isAsync = false;
  explicit With(SourceLoc l) : Stmt(Kind, l) {}
};

struct Raise : Stmt {
  static constexpr StmtKind Kind = StmtKind::Raise;
  ExprPtr exc, cause; // both may be nullptr
  explicit Raise(SourceLoc l) : Stmt(Kind, l) {}
};

struct ExceptHandler {
  SourceLoc loc;
  ExprPtr type;     // may be nullptr (bare `except:`)
  std::string name; // `as name`, may be empty
  StmtList body;
};

struct Try : Stmt {
  static constexpr StmtKind Kind = StmtKind::Try;
  StmtList body;
  std::vector<ExceptHandler> handlers;
  StmtList orelse, finalbody;
  explicit Try(SourceLoc l) : Stmt(Kind, l) {}
};

struct Assert : Stmt {
  static constexpr StmtKind Kind = StmtKind::Assert;
  ExprPtr test, msg; // msg may be nullptr
  explicit Assert(SourceLoc l) : Stmt(Kind, l) {}
};

// `name as asname`; `name` is dotted for `import a.b.c`; `*` for `from m import *`.
struct Alias {
  SourceLoc loc;
  std::string name;
  std::string asname; // empty when absent
};

struct Import : Stmt {
  static constexpr StmtKind Kind = StmtKind::Import;
  std::vector<Alias> names;
  explicit Import(SourceLoc l) : Stmt(Kind, l) {}
};

// `from ..pkg.mod import a as b`: module = "pkg.mod", level = 2.
struct ImportFrom : Stmt {
  static constexpr StmtKind Kind = StmtKind::ImportFrom;
  std::string module; // empty for `from . import x`
  int level = 0;
  std::vector<Alias> names;
  explicit ImportFrom(SourceLoc l) : Stmt(Kind, l) {}
};

struct Global : Stmt {
  static constexpr StmtKind Kind = StmtKind::Global;
  std::vector<std::string> names;
  explicit Global(SourceLoc l) : Stmt(Kind, l) {}
};

struct Nonlocal : Stmt {
  static constexpr StmtKind Kind = StmtKind::Nonlocal;
  std::vector<std::string> names;
  explicit Nonlocal(SourceLoc l) : Stmt(Kind, l) {}
};

// An expression used as a statement (calls like `T.clear(acc)`, docstrings).
struct ExprStmt : Stmt {
  static constexpr StmtKind Kind = StmtKind::ExprStmt;
  ExprPtr value;
  ExprStmt(SourceLoc l, ExprPtr v) : Stmt(Kind, l), value(std::move(v)) {}
};

struct Pass : Stmt {
  static constexpr StmtKind Kind = StmtKind::Pass;
  explicit Pass(SourceLoc l) : Stmt(Kind, l) {}
};

struct Break : Stmt {
  static constexpr StmtKind Kind = StmtKind::Break;
  explicit Break(SourceLoc l) : Stmt(Kind, l) {}
};

struct Continue : Stmt {
  static constexpr StmtKind Kind = StmtKind::Continue;
  explicit Continue(SourceLoc l) : Stmt(Kind, l) {}
};

// ---------------------------------------------------------------------------------------------

// A `# tilec: <flags>` comment line (default CLI flags for the file).
struct Directive {
  SourceLoc loc;
  std::string flags;
};

struct Module {
  const SourceFile *file = nullptr;
  StmtList body;
  std::vector<Directive> directives;
};

} // namespace tilec::ast
