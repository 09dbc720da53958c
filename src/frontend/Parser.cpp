#include "frontend/Parser.h"

#include "frontend/Lexer.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace tilec {

namespace {

using namespace ast;

// Bounds the parser's recursion (and the depth of the trees it builds) on hostile input.
constexpr int kMaxNesting = 1000;

// The binary operator levels between `|` (loosest) and `*` (tightest), as in Python's grammar.
struct BinaryLevel {
  std::initializer_list<std::pair<std::string_view, BinOpKind>> ops;
};
const BinaryLevel kBinaryLevels[] = {
    {{{"|", BinOpKind::BitOr}}},
    {{{"^", BinOpKind::BitXor}}},
    {{{"&", BinOpKind::BitAnd}}},
    {{{"<<", BinOpKind::LShift}, {">>", BinOpKind::RShift}}},
    {{{"+", BinOpKind::Add}, {"-", BinOpKind::Sub}}},
    {{{"*", BinOpKind::Mult},
      {"@", BinOpKind::MatMult},
      {"/", BinOpKind::Div},
      {"//", BinOpKind::FloorDiv},
      {"%", BinOpKind::Mod}}},
};
constexpr int kNumBinaryLevels = sizeof(kBinaryLevels) / sizeof(kBinaryLevels[0]);

const std::pair<std::string_view, BinOpKind> kAugmentedOps[] = {
    {"+=", BinOpKind::Add},     {"-=", BinOpKind::Sub},       {"*=", BinOpKind::Mult},
    {"@=", BinOpKind::MatMult}, {"/=", BinOpKind::Div},       {"//=", BinOpKind::FloorDiv},
    {"%=", BinOpKind::Mod},     {"**=", BinOpKind::Pow},      {"<<=", BinOpKind::LShift},
    {">>=", BinOpKind::RShift}, {"|=", BinOpKind::BitOr},     {"^=", BinOpKind::BitXor},
    {"&=", BinOpKind::BitAnd}};

const std::pair<std::string_view, CmpOpKind> kComparisonOps[] = {
    {"==", CmpOpKind::Eq}, {"!=", CmpOpKind::NotEq}, {"<", CmpOpKind::Lt},
    {"<=", CmpOpKind::LtE}, {">", CmpOpKind::Gt},     {">=", CmpOpKind::GtE}};

// What an expression is called in "cannot assign to ..." messages (Python's wording).
std::string describeExpr(const Expr &e) {
  switch (e.kind) {
  case ExprKind::Constant: {
    const auto &c = e.as<Constant>();
    if (c.valueKind == ConstantKind::None)
      return "None";
    if (c.valueKind == ConstantKind::Bool)
      return c.boolValue ? "True" : "False";
    if (c.valueKind == ConstantKind::Ellipsis)
      return "ellipsis";
    return "literal";
  }
  case ExprKind::JoinedStr: return "f-string expression";
  case ExprKind::Call: return "function call";
  case ExprKind::Compare: return "comparison";
  case ExprKind::IfExp: return "conditional expression";
  case ExprKind::Lambda: return "lambda";
  case ExprKind::ListComp: return "list comprehension";
  case ExprKind::SetComp: return "set comprehension";
  case ExprKind::DictComp: return "dict comprehension";
  case ExprKind::GeneratorExp: return "generator expression";
  case ExprKind::Dict: return "dict literal";
  case ExprKind::Set: return "set display";
  case ExprKind::NamedExpr: return "named expression";
  case ExprKind::Await: return "await expression";
  case ExprKind::Yield:
  case ExprKind::YieldFrom: return "yield expression";
  case ExprKind::Slice: return "slice";
  default: return "expression";
  }
}

class Parser {
public:
  Parser(const SourceFile &file, std::vector<Token> tokens)
      : file_(file), tokens_(std::move(tokens)) {}

  Module parseModule();
  ExprPtr parseWholeExpression();

private:
  // RAII counter for recursive entry points.
  struct NestingGuard {
    Parser &parser;
    NestingGuard(Parser &p, SourceLoc loc) : parser(p) {
      if (++parser.nesting_ > kMaxNesting)
        fail(loc, "expression is too deeply nested");
    }
    ~NestingGuard() { --parser.nesting_; }
  };

  // ---- Token stream
  const Token &peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token &advance() {
    const Token &tok = tokens_[pos_];
    if (pos_ + 1 < tokens_.size())
      ++pos_;
    return tok;
  }
  bool atOp(std::string_view op) const { return peek().isOp(op); }
  bool atKeyword(std::string_view kw) const { return peek().isKeyword(kw); }
  bool at(TokenKind kind) const { return peek().is(kind); }
  bool acceptOp(std::string_view op) {
    if (!atOp(op))
      return false;
    advance();
    return true;
  }
  bool acceptKeyword(std::string_view kw) {
    if (!atKeyword(kw))
      return false;
    advance();
    return true;
  }
  [[noreturn]] void failExpected(const std::string &what) const {
    fail(peek().loc, "expected " + what + ", found " + describeToken(peek()));
  }
  const Token &expectOp(std::string_view op, const std::string &context = "") {
    if (!atOp(op))
      failExpected("'" + std::string(op) + "'" + (context.empty() ? "" : " " + context));
    return advance();
  }
  void expectKeyword(std::string_view kw, const std::string &context = "") {
    if (!atKeyword(kw))
      failExpected("'" + std::string(kw) + "'" + (context.empty() ? "" : " " + context));
    advance();
  }
  const Token &expectName(const std::string &what) {
    if (!at(TokenKind::Name))
      failExpected(what);
    return advance();
  }
  void expectNewline() {
    if (!at(TokenKind::Newline))
      failExpected("end of line");
    advance();
  }
  bool startsExpression() const;

  // ---- Statements
  void parseStatement(StmtList &out);
  void parseSimpleLine(StmtList &out);
  StmtPtr parseSmallStatement();
  StmtPtr parseExpressionStatement();
  StmtList parseBlock(const std::string &header, SourceLoc headerLoc);
  StmtPtr parseDecorated();
  StmtPtr parseFunctionDef(ExprList decorators, SourceLoc asyncLoc);
  StmtPtr parseClassDef(ExprList decorators);
  StmtPtr parseIf();
  StmtPtr parseWhile();
  StmtPtr parseFor(SourceLoc asyncLoc);
  StmtPtr parseWith(SourceLoc asyncLoc);
  void parseWithItem(With &with);
  bool withItemsAreParenthesized() const;
  StmtPtr parseTry();
  StmtPtr parseImport();
  StmtPtr parseImportFrom();
  std::string parseDottedName();
  StmtPtr parseReturn();
  StmtPtr parseRaise();
  StmtPtr parseAssert();
  StmtPtr parseDelete();
  template <class T> StmtPtr parseNameList();
  void parseParameters(Arguments &args, bool allowAnnotations, std::string_view closer);
  Arg parseParameter(bool allowAnnotation);
  void checkTarget(const Expr &target, const char *verb) const;
  void checkSingleTarget(const Expr &target, const std::string &context) const;

  // ---- Expressions, loosest first
  ExprPtr parseTestListStarExpr();     // `a, *b` (tuples without parentheses)
  ExprPtr parseExprList();             // targets: `i, j` in `for i, j in ...`
  ExprPtr parseTestListOrYield();
  ExprPtr parseCommaList(ExprPtr (Parser::*parseItem)());
  ExprPtr parseStarOrTest();
  ExprPtr parseStarOrBitOr();
  ExprPtr parseStarOrNamedExpr();
  ExprPtr parseNamedExprTest();        // `x := value` or test
  ExprPtr parseTest();                 // ternary and lambda
  ExprPtr parseLambda();
  ExprPtr parseOrTest();
  ExprPtr parseAndTest();
  ExprPtr parseNotTest();
  ExprPtr parseComparison();
  std::optional<CmpOpKind> acceptComparisonOp();
  ExprPtr parseBitOr() { return parseBinary(0); }
  ExprPtr parseBinary(int level);
  ExprPtr parseFactor();
  ExprPtr parsePower();
  ExprPtr parseAtomWithTrailers();
  ExprPtr parseCall(ExprPtr func);
  void parseCallArguments(ExprList &args, std::vector<Keyword> &keywords,
                          bool allowGenerator);
  ExprPtr parseSubscript(ExprPtr value);
  ExprPtr parseSliceItem();
  ExprPtr parseAtom();
  ExprPtr parseParenthesized();
  ExprPtr parseListDisplay();
  ExprPtr parseBraceDisplay();
  ExprPtr parseYield();
  void parseComprehensionClauses(std::vector<Comprehension> &out);
  bool atComprehension() const {
    return atKeyword("for") || (atKeyword("async") && peek(1).isKeyword("for"));
  }
  ExprPtr parseNumber();
  ExprPtr parseStrings();
  void appendFString(const Token &tok, JoinedStr &out);
  size_t parseFStringField(const Token &tok, size_t open, JoinedStr &out);
  SourceLoc fstringLoc(const Token &tok, size_t offset) const;

  const SourceFile &file_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int nesting_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Entry points

Module Parser::parseModule() {
  Module module;
  module.file = &file_;
  while (!at(TokenKind::EndOfFile))
    parseStatement(module.body);
  return module;
}

ExprPtr Parser::parseWholeExpression() {
  if (at(TokenKind::EndOfFile))
    failExpected("expression");
  ExprPtr e = atKeyword("yield") ? parseYield() : parseTestListStarExpr();
  if (!at(TokenKind::EndOfFile))
    failExpected("end of expression");
  return e;
}

bool Parser::startsExpression() const {
  const Token &tok = peek();
  switch (tok.kind) {
  case TokenKind::Name:
  case TokenKind::Number:
  case TokenKind::String:
    return true;
  case TokenKind::Keyword:
    return tok.text == "None" || tok.text == "True" || tok.text == "False" ||
           tok.text == "not" || tok.text == "lambda" || tok.text == "await";
  case TokenKind::Op:
    return tok.text == "(" || tok.text == "[" || tok.text == "{" || tok.text == "-" ||
           tok.text == "+" || tok.text == "~" || tok.text == "..." || tok.text == "*";
  default:
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Statements

void Parser::parseStatement(StmtList &out) {
  const Token &tok = peek();
  if (tok.is(TokenKind::Indent))
    fail(tok.loc, "unexpected indent");
  if (tok.is(TokenKind::Keyword)) {
    const std::string &kw = tok.text;
    if (kw == "def")
      return out.push_back(parseFunctionDef({}, {}));
    if (kw == "class")
      return out.push_back(parseClassDef({}));
    if (kw == "if")
      return out.push_back(parseIf());
    if (kw == "while")
      return out.push_back(parseWhile());
    if (kw == "for")
      return out.push_back(parseFor({}));
    if (kw == "with")
      return out.push_back(parseWith({}));
    if (kw == "try")
      return out.push_back(parseTry());
    if (kw == "async") {
      SourceLoc asyncLoc = advance().loc;
      if (atKeyword("def"))
        return out.push_back(parseFunctionDef({}, asyncLoc));
      if (atKeyword("for"))
        return out.push_back(parseFor(asyncLoc));
      if (atKeyword("with"))
        return out.push_back(parseWith(asyncLoc));
      failExpected("'def', 'for' or 'with' after 'async'");
    }
    if (kw == "elif" || kw == "else" || kw == "except" || kw == "finally")
      fail(tok.loc, "'" + kw + "' does not follow a statement it can belong to");
  }
  if (tok.isOp("@"))
    return out.push_back(parseDecorated());
  parseSimpleLine(out);
}

// `small; small; small NEWLINE`
void Parser::parseSimpleLine(StmtList &out) {
  while (true) {
    out.push_back(parseSmallStatement());
    if (!acceptOp(";") || at(TokenKind::Newline))
      break;
  }
  expectNewline();
}

StmtPtr Parser::parseSmallStatement() {
  const Token &tok = peek();
  if (!tok.is(TokenKind::Keyword))
    return parseExpressionStatement();
  const std::string &kw = tok.text;
  if (kw == "pass")
    return std::make_unique<Pass>(advance().loc);
  if (kw == "break")
    return std::make_unique<Break>(advance().loc);
  if (kw == "continue")
    return std::make_unique<Continue>(advance().loc);
  if (kw == "return")
    return parseReturn();
  if (kw == "raise")
    return parseRaise();
  if (kw == "assert")
    return parseAssert();
  if (kw == "del")
    return parseDelete();
  if (kw == "import")
    return parseImport();
  if (kw == "from")
    return parseImportFrom();
  if (kw == "global")
    return parseNameList<Global>();
  if (kw == "nonlocal")
    return parseNameList<Nonlocal>();
  return parseExpressionStatement();
}

// Expression statements and the three assignment forms.
StmtPtr Parser::parseExpressionStatement() {
  SourceLoc loc = peek().loc;
  ExprPtr first = parseTestListOrYield();

  if (atOp(":")) { // annotated assignment
    advance();
    checkSingleTarget(*first, "annotated");
    auto stmt = std::make_unique<AnnAssign>(loc);
    stmt->target = std::move(first);
    stmt->annotation = parseTest();
    if (acceptOp("="))
      stmt->value = parseTestListOrYield();
    return stmt;
  }
  for (const auto &[spell, op] : kAugmentedOps) {
    if (!atOp(spell))
      continue;
    advance();
    checkSingleTarget(*first, "augmented");
    return std::make_unique<AugAssign>(loc, std::move(first), op, parseTestListOrYield());
  }
  if (!atOp("="))
    return std::make_unique<ExprStmt>(loc, std::move(first));

  auto stmt = std::make_unique<Assign>(loc);
  stmt->targets.push_back(std::move(first));
  while (acceptOp("="))
    stmt->targets.push_back(parseTestListOrYield());
  stmt->value = std::move(stmt->targets.back());
  stmt->targets.pop_back();
  for (const ExprPtr &target : stmt->targets)
    checkTarget(*target, "assign to");
  return stmt;
}

// Assignment, `for` and `with ... as` targets: names, attributes, subscripts, and tuples/lists of
// them (with at most the starred forms Python allows).
void Parser::checkTarget(const Expr &target, const char *verb) const {
  switch (target.kind) {
  case ExprKind::Name:
  case ExprKind::Attribute:
  case ExprKind::Subscript:
    return;
  case ExprKind::Starred:
    return checkTarget(*target.as<Starred>().value, verb);
  case ExprKind::Tuple:
    for (const ExprPtr &e : target.as<Tuple>().elts)
      checkTarget(*e, verb);
    return;
  case ExprKind::List:
    for (const ExprPtr &e : target.as<List>().elts)
      checkTarget(*e, verb);
    return;
  default:
    break;
  }
  std::string message = std::string("cannot ") + verb + " " + describeExpr(target);
  if (target.isa<Call>() || target.isa<Compare>())
    message += "; maybe you meant '==' instead of '='?";
  fail(target.loc, message);
}

// Augmented and annotated assignments take exactly one name, attribute or subscript.
void Parser::checkSingleTarget(const Expr &target, const std::string &context) const {
  if (target.isa<Name>() || target.isa<Attribute>() || target.isa<Subscript>())
    return;
  if (target.isa<Tuple>() && context == "annotated")
    fail(target.loc, "only a single target (not a tuple) can be annotated");
  fail(target.loc, "'" + describeExpr(target) + "' is an illegal target for " + context +
                       " assignment");
}

// `: NEWLINE INDENT stmt+ DEDENT`, or `: simple_stmt` on the same line.
StmtList Parser::parseBlock(const std::string &header, SourceLoc headerLoc) {
  expectOp(":", "after " + header);
  StmtList body;
  if (!at(TokenKind::Newline)) {
    parseSimpleLine(body);
    return body;
  }
  advance();
  if (!at(TokenKind::Indent))
    fail(peek().loc, "expected an indented block after " + header + " on line " +
                         std::to_string(headerLoc.line));
  advance();
  while (!at(TokenKind::Dedent) && !at(TokenKind::EndOfFile))
    parseStatement(body);
  if (at(TokenKind::Dedent))
    advance();
  return body;
}

StmtPtr Parser::parseDecorated() {
  ExprList decorators;
  while (atOp("@")) {
    advance();
    decorators.push_back(parseNamedExprTest());
    expectNewline();
  }
  if (atKeyword("def"))
    return parseFunctionDef(std::move(decorators), {});
  if (atKeyword("class"))
    return parseClassDef(std::move(decorators));
  if (atKeyword("async") && peek(1).isKeyword("def")) {
    SourceLoc asyncLoc = advance().loc;
    return parseFunctionDef(std::move(decorators), asyncLoc);
  }
  failExpected("'def' or 'class' after decorator");
}

// `asyncLoc` is valid for `async def`.
StmtPtr Parser::parseFunctionDef(ExprList decorators, SourceLoc asyncLoc) {
  SourceLoc defLoc = peek().loc;
  expectKeyword("def");
  const Token &name = expectName("function name after 'def'");
  auto fn = std::make_unique<FunctionDef>(asyncLoc.valid() ? asyncLoc : defLoc, name.text);
  fn->isAsync = asyncLoc.valid();
  fn->decorators = std::move(decorators);
  expectOp("(", "after function name");
  parseParameters(fn->args, /*allowAnnotations=*/true, ")");
  expectOp(")", "to close the parameter list");
  if (acceptOp("->"))
    fn->returns = parseTest();
  fn->body = parseBlock("function definition", fn->loc);
  return fn;
}

// Parameters up to (not including) `closer`; lambdas pass ":" and no annotations.
void Parser::parseParameters(Arguments &args, bool allowAnnotations, std::string_view closer) {
  if (allowAnnotations && atOp("...") && peek(1).isOp(closer)) { // `def f(...)` in pseudo-code
    advance();
    args.elided = true;
    return;
  }
  std::set<std::string> seen;
  auto checkDuplicate = [&](const Arg &arg) {
    if (!seen.insert(arg.name).second)
      fail(arg.loc, "duplicate argument '" + arg.name + "' in function definition");
  };
  bool seenStar = false, seenDefault = false;
  SourceLoc bareStarLoc;
  while (!atOp(closer)) {
    if (args.kwarg)
      fail(peek().loc, "arguments cannot follow var-keyword argument");
    SourceLoc loc = peek().loc;
    if (acceptOp("/")) {
      if (seenStar || !args.posonly.empty())
        fail(loc, "'/' must come before '*' and may appear only once");
      if (args.args.empty())
        fail(loc, "at least one argument must precede '/'");
      args.posonly = std::move(args.args);
      args.args.clear();
    } else if (acceptOp("*")) {
      if (seenStar)
        fail(loc, "'*' argument may appear only once");
      seenStar = true;
      if (atOp(",")) {
        bareStarLoc = loc;
      } else {
        args.vararg = std::make_unique<Arg>(parseParameter(allowAnnotations));
        checkDuplicate(*args.vararg);
        if (atOp("="))
          fail(peek().loc, "var-positional argument cannot have default value");
      }
    } else if (acceptOp("**")) {
      args.kwarg = std::make_unique<Arg>(parseParameter(allowAnnotations));
      checkDuplicate(*args.kwarg);
      if (atOp("="))
        fail(peek().loc, "var-keyword argument cannot have default value");
    } else {
      Arg arg = parseParameter(allowAnnotations);
      checkDuplicate(arg);
      if (acceptOp("="))
        arg.defaultValue = parseTest();
      if (seenStar) {
        args.kwonly.push_back(std::move(arg));
      } else {
        if (!arg.defaultValue && seenDefault)
          fail(arg.loc, "parameter without a default follows parameter with a default");
        seenDefault = seenDefault || arg.defaultValue != nullptr;
        args.args.push_back(std::move(arg));
      }
    }
    if (!acceptOp(","))
      break;
  }
  if (bareStarLoc.valid() && args.kwonly.empty())
    fail(bareStarLoc, "named arguments must follow bare '*'");
}

Arg Parser::parseParameter(bool allowAnnotation) {
  const Token &name = expectName("parameter name");
  Arg arg;
  arg.loc = name.loc;
  arg.name = name.text;
  if (allowAnnotation && acceptOp(":"))
    arg.annotation = parseTest();
  return arg;
}

StmtPtr Parser::parseClassDef(ExprList decorators) {
  SourceLoc loc = peek().loc;
  expectKeyword("class");
  auto cls = std::make_unique<ClassDef>(loc, expectName("class name after 'class'").text);
  cls->decorators = std::move(decorators);
  if (acceptOp("(")) {
    parseCallArguments(cls->bases, cls->keywords, /*allowGenerator=*/false);
    expectOp(")", "to close the base class list");
  }
  cls->body = parseBlock("class definition", loc);
  return cls;
}

StmtPtr Parser::parseIf() {
  auto root = std::make_unique<If>(peek().loc);
  advance(); // `if`
  root->test = parseNamedExprTest();
  root->body = parseBlock("'if' statement", root->loc);
  // `elif` chains nest in orelse; the limit bounds the recursion of every later tree walk.
  If *current = root.get();
  for (int chain = 1; atKeyword("elif"); ++chain) {
    if (chain >= kMaxNesting)
      fail(peek().loc, "too many 'elif' branches (the limit is " + std::to_string(kMaxNesting) +
                           ")");
    auto elif = std::make_unique<If>(advance().loc);
    elif->isElif = true;
    elif->test = parseNamedExprTest();
    elif->body = parseBlock("'elif' statement", elif->loc);
    If *next = elif.get();
    current->orelse.push_back(std::move(elif));
    current = next;
  }
  if (atKeyword("else")) {
    SourceLoc elseLoc = advance().loc;
    current->orelse = parseBlock("'else' statement", elseLoc);
  }
  return root;
}

StmtPtr Parser::parseWhile() {
  auto stmt = std::make_unique<While>(advance().loc);
  stmt->test = parseNamedExprTest();
  stmt->body = parseBlock("'while' statement", stmt->loc);
  if (atKeyword("else")) {
    SourceLoc elseLoc = advance().loc;
    stmt->orelse = parseBlock("'else' statement", elseLoc);
  }
  return stmt;
}

StmtPtr Parser::parseFor(SourceLoc asyncLoc) {
  SourceLoc forLoc = advance().loc;
  auto stmt = std::make_unique<For>(asyncLoc.valid() ? asyncLoc : forLoc);
  stmt->isAsync = asyncLoc.valid();
  stmt->target = parseExprList();
  checkTarget(*stmt->target, "assign to");
  expectKeyword("in", "after the 'for' target");
  stmt->iter = parseTestListStarExpr();
  stmt->body = parseBlock("'for' statement", stmt->loc);
  if (atKeyword("else")) {
    SourceLoc elseLoc = advance().loc;
    stmt->orelse = parseBlock("'else' statement", elseLoc);
  }
  return stmt;
}

StmtPtr Parser::parseWith(SourceLoc asyncLoc) {
  SourceLoc withLoc = advance().loc;
  auto stmt = std::make_unique<With>(asyncLoc.valid() ? asyncLoc : withLoc);
  stmt->isAsync = asyncLoc.valid();
  if (withItemsAreParenthesized()) { // `with (a as x, b as y):`
    advance();
    while (!atOp(")")) {
      parseWithItem(*stmt);
      if (!acceptOp(","))
        break;
    }
    expectOp(")", "to close the 'with' items");
  } else {
    do
      parseWithItem(*stmt);
    while (acceptOp(","));
  }
  stmt->body = parseBlock("'with' statement", stmt->loc);
  return stmt;
}

void Parser::parseWithItem(With &with) {
  WithItem item;
  item.contextExpr = parseTest();
  if (acceptKeyword("as")) {
    item.optionalVars = parseBitOr(); // `as (bx, by)` is a parenthesized tuple
    checkTarget(*item.optionalVars, "assign to");
  }
  with.items.push_back(std::move(item));
}

// `with (` opens a parenthesized item list (Python 3.10) rather than a parenthesized expression
// when the matching `)` is directly followed by `:` and an `as` or a comma sits directly inside.
// `with (T.Kernel(...)) as (bx, by):` stays an expression.
bool Parser::withItemsAreParenthesized() const {
  if (!atOp("("))
    return false;
  int depth = 0;
  bool sawAsOrComma = false;
  for (size_t i = pos_; i < tokens_.size(); ++i) {
    const Token &tok = tokens_[i];
    if (tok.is(TokenKind::EndOfFile) || tok.is(TokenKind::Newline))
      return false;
    if (tok.isOp("(") || tok.isOp("[") || tok.isOp("{")) {
      ++depth;
    } else if (tok.isOp(")") || tok.isOp("]") || tok.isOp("}")) {
      if (--depth == 0)
        return sawAsOrComma && i + 1 < tokens_.size() && tokens_[i + 1].isOp(":");
    } else if (depth == 1 && (tok.isKeyword("as") || tok.isOp(","))) {
      sawAsOrComma = true;
    }
  }
  return false;
}

StmtPtr Parser::parseTry() {
  auto stmt = std::make_unique<Try>(advance().loc);
  stmt->body = parseBlock("'try' statement", stmt->loc);
  while (atKeyword("except")) {
    ExceptHandler handler;
    handler.loc = advance().loc;
    if (!stmt->handlers.empty() && !stmt->handlers.back().type)
      fail(stmt->handlers.back().loc, "default 'except:' must be last");
    if (!atOp(":")) {
      handler.type = parseTest();
      if (atOp(","))
        fail(peek().loc, "multiple exception types must be parenthesized");
      if (acceptKeyword("as"))
        handler.name = expectName("name after 'as'").text;
    }
    handler.body = parseBlock("'except' statement", handler.loc);
    stmt->handlers.push_back(std::move(handler));
  }
  if (atKeyword("else")) {
    SourceLoc elseLoc = advance().loc;
    if (stmt->handlers.empty())
      fail(elseLoc, "'else' after 'try' needs an 'except' block before it");
    stmt->orelse = parseBlock("'else' statement", elseLoc);
  }
  if (atKeyword("finally")) {
    SourceLoc finallyLoc = advance().loc;
    stmt->finalbody = parseBlock("'finally' statement", finallyLoc);
  }
  if (stmt->handlers.empty() && stmt->finalbody.empty())
    failExpected("'except' or 'finally' block");
  return stmt;
}

std::string Parser::parseDottedName() {
  std::string name = expectName("module name").text;
  while (acceptOp("."))
    name += "." + expectName("name after '.'").text;
  return name;
}

StmtPtr Parser::parseImport() {
  auto stmt = std::make_unique<Import>(advance().loc);
  do {
    Alias alias;
    alias.loc = peek().loc;
    alias.name = parseDottedName();
    if (acceptKeyword("as"))
      alias.asname = expectName("name after 'as'").text;
    stmt->names.push_back(std::move(alias));
  } while (acceptOp(","));
  return stmt;
}

StmtPtr Parser::parseImportFrom() {
  auto stmt = std::make_unique<ImportFrom>(advance().loc);
  while (atOp(".") || atOp("..."))
    stmt->level += static_cast<int>(advance().text.size());
  if (!atKeyword("import") || stmt->level == 0)
    stmt->module = parseDottedName();
  expectKeyword("import", "after the module name");
  if (atOp("*")) {
    stmt->names.push_back({advance().loc, "*", ""});
    return stmt;
  }
  bool parenthesized = acceptOp("(");
  while (true) {
    Alias alias;
    alias.loc = peek().loc;
    alias.name = expectName("name to import").text;
    if (acceptKeyword("as"))
      alias.asname = expectName("name after 'as'").text;
    stmt->names.push_back(std::move(alias));
    if (!acceptOp(","))
      break;
    if (parenthesized && atOp(")"))
      break; // trailing comma
    if (!parenthesized && !at(TokenKind::Name))
      fail(peek().loc, "trailing comma not allowed without surrounding parentheses");
  }
  if (parenthesized)
    expectOp(")", "to close the import list");
  return stmt;
}

StmtPtr Parser::parseReturn() {
  auto stmt = std::make_unique<Return>(advance().loc, nullptr);
  if (startsExpression())
    stmt->value = parseTestListStarExpr();
  return stmt;
}

StmtPtr Parser::parseRaise() {
  auto stmt = std::make_unique<Raise>(advance().loc);
  if (!startsExpression())
    return stmt;
  stmt->exc = parseTest();
  if (acceptKeyword("from"))
    stmt->cause = parseTest();
  return stmt;
}

StmtPtr Parser::parseAssert() {
  auto stmt = std::make_unique<Assert>(advance().loc);
  stmt->test = parseTest();
  if (acceptOp(","))
    stmt->msg = parseTest();
  return stmt;
}

StmtPtr Parser::parseDelete() {
  auto stmt = std::make_unique<Delete>(advance().loc);
  ExprPtr targets = parseExprList();
  auto *tuple = targets->dyn_cast<Tuple>();
  if (tuple && !tuple->parenthesized)
    stmt->targets = std::move(tuple->elts);
  else
    stmt->targets.push_back(std::move(targets));
  for (const ExprPtr &t : stmt->targets)
    checkTarget(*t, "delete");
  return stmt;
}

template <class T> StmtPtr Parser::parseNameList() {
  auto stmt = std::make_unique<T>(advance().loc);
  do
    stmt->names.push_back(expectName("name").text);
  while (acceptOp(","));
  return stmt;
}

// ---------------------------------------------------------------------------------------------
// Expressions

ExprPtr Parser::parseStarOrNamedExpr() {
  if (atOp("*")) {
    SourceLoc loc = advance().loc;
    return std::make_unique<Starred>(loc, parseBitOr());
  }
  return parseNamedExprTest();
}

// `item, item, ...` with an optional trailing comma: one item stays itself, more make a Tuple.
ExprPtr Parser::parseCommaList(ExprPtr (Parser::*parseItem)()) {
  ExprPtr first = (this->*parseItem)();
  if (!atOp(","))
    return first;
  auto tuple = std::make_unique<Tuple>(first->loc);
  tuple->elts.push_back(std::move(first));
  while (acceptOp(",") && startsExpression())
    tuple->elts.push_back((this->*parseItem)());
  return tuple;
}

// `*x` or a test (assignment right-hand sides, return values).
ExprPtr Parser::parseStarOrTest() {
  if (!atOp("*"))
    return parseTest();
  SourceLoc loc = advance().loc;
  return std::make_unique<Starred>(loc, parseBitOr());
}

// `*x` or a bitwise-or expression (targets: `for i, *rest in ...`).
ExprPtr Parser::parseStarOrBitOr() {
  if (!atOp("*"))
    return parseBitOr();
  SourceLoc loc = advance().loc;
  return std::make_unique<Starred>(loc, parseBitOr());
}

ExprPtr Parser::parseTestListStarExpr() { return parseCommaList(&Parser::parseStarOrTest); }

ExprPtr Parser::parseExprList() { return parseCommaList(&Parser::parseStarOrBitOr); }

ExprPtr Parser::parseTestListOrYield() {
  if (atKeyword("yield"))
    return parseYield();
  return parseTestListStarExpr();
}

ExprPtr Parser::parseYield() {
  SourceLoc loc = advance().loc; // `yield`
  if (acceptKeyword("from"))
    return std::make_unique<YieldFrom>(loc, parseTest());
  ExprPtr value;
  if (startsExpression())
    value = parseTestListStarExpr();
  return std::make_unique<Yield>(loc, std::move(value));
}

ExprPtr Parser::parseNamedExprTest() {
  ExprPtr e = parseTest();
  if (!atOp(":="))
    return e;
  if (!e->isa<Name>())
    fail(e->loc, "cannot use assignment expressions with " + describeExpr(*e));
  advance();
  SourceLoc loc = e->loc;
  return std::make_unique<NamedExpr>(loc, std::move(e), parseTest());
}

ExprPtr Parser::parseTest() {
  NestingGuard guard(*this, peek().loc);
  if (atKeyword("lambda"))
    return parseLambda();
  ExprPtr body = parseOrTest();
  if (!atKeyword("if"))
    return body;
  advance();
  ExprPtr test = parseOrTest();
  expectKeyword("else", "in conditional expression");
  ExprPtr orelse = parseTest();
  SourceLoc loc = body->loc;
  return std::make_unique<IfExp>(loc, std::move(test), std::move(body), std::move(orelse));
}

ExprPtr Parser::parseLambda() {
  auto lambda = std::make_unique<Lambda>(advance().loc);
  parseParameters(lambda->args, /*allowAnnotations=*/false, ":");
  expectOp(":", "after lambda parameters");
  lambda->body = parseTest();
  return lambda;
}

ExprPtr Parser::parseOrTest() {
  ExprPtr first = parseAndTest();
  if (!atKeyword("or"))
    return first;
  auto op = std::make_unique<BoolOp>(first->loc, BoolOpKind::Or);
  op->values.push_back(std::move(first));
  while (acceptKeyword("or"))
    op->values.push_back(parseAndTest());
  return op;
}

ExprPtr Parser::parseAndTest() {
  ExprPtr first = parseNotTest();
  if (!atKeyword("and"))
    return first;
  auto op = std::make_unique<BoolOp>(first->loc, BoolOpKind::And);
  op->values.push_back(std::move(first));
  while (acceptKeyword("and"))
    op->values.push_back(parseNotTest());
  return op;
}

ExprPtr Parser::parseNotTest() {
  NestingGuard guard(*this, peek().loc);
  if (!atKeyword("not"))
    return parseComparison();
  SourceLoc loc = advance().loc;
  return std::make_unique<UnaryOp>(loc, UnaryOpKind::Not, parseNotTest());
}

std::optional<CmpOpKind> Parser::acceptComparisonOp() {
  for (const auto &[spell, op] : kComparisonOps)
    if (acceptOp(spell))
      return op;
  if (acceptKeyword("in"))
    return CmpOpKind::In;
  if (atKeyword("not") && peek(1).isKeyword("in")) {
    advance(), advance();
    return CmpOpKind::NotIn;
  }
  if (acceptKeyword("is"))
    return acceptKeyword("not") ? CmpOpKind::IsNot : CmpOpKind::Is;
  return std::nullopt;
}

ExprPtr Parser::parseComparison() {
  ExprPtr first = parseBitOr();
  std::optional<CmpOpKind> op = acceptComparisonOp();
  if (!op)
    return first;
  auto cmp = std::make_unique<Compare>(first->loc, std::move(first));
  do {
    cmp->ops.push_back(*op);
    cmp->comparators.push_back(parseBitOr());
  } while ((op = acceptComparisonOp()));
  return cmp;
}

// Left-associative binary levels, table-driven (kBinaryLevels).
ExprPtr Parser::parseBinary(int level) {
  if (level == kNumBinaryLevels)
    return parseFactor();
  ExprPtr left = parseBinary(level + 1);
  int chain = 0;
  while (true) {
    std::optional<BinOpKind> kind;
    for (const auto &[spell, op] : kBinaryLevels[level].ops)
      if (atOp(spell))
        kind = op;
    if (!kind)
      return left;
    if (nesting_ + ++chain > kMaxNesting) // a deep left-nested tree is as bad as recursion
      fail(peek().loc, "expression is too deeply nested");
    advance();
    ExprPtr right = parseBinary(level + 1);
    SourceLoc loc = left->loc;
    left = std::make_unique<BinOp>(loc, *kind, std::move(left), std::move(right));
  }
}

ExprPtr Parser::parseFactor() {
  NestingGuard guard(*this, peek().loc);
  std::optional<UnaryOpKind> kind;
  if (atOp("-"))
    kind = UnaryOpKind::USub;
  else if (atOp("+"))
    kind = UnaryOpKind::UAdd;
  else if (atOp("~"))
    kind = UnaryOpKind::Invert;
  if (!kind)
    return parsePower();
  SourceLoc loc = advance().loc;
  return std::make_unique<UnaryOp>(loc, *kind, parseFactor());
}

// `primary ** factor`: right-associative and tighter than a unary minus on its left.
ExprPtr Parser::parsePower() {
  ExprPtr base;
  if (atKeyword("await")) {
    SourceLoc loc = advance().loc;
    base = std::make_unique<Await>(loc, parseAtomWithTrailers());
  } else {
    base = parseAtomWithTrailers();
  }
  if (!atOp("**"))
    return base;
  advance();
  ExprPtr exponent = parseFactor();
  SourceLoc loc = base->loc;
  return std::make_unique<BinOp>(loc, BinOpKind::Pow, std::move(base), std::move(exponent));
}

ExprPtr Parser::parseAtomWithTrailers() {
  ExprPtr e = parseAtom();
  int chain = 0;
  while (atOp("(") || atOp("[") || atOp(".")) {
    if (nesting_ + ++chain > kMaxNesting)
      fail(peek().loc, "expression is too deeply nested");
    if (atOp("(")) {
      e = parseCall(std::move(e));
    } else if (atOp("[")) {
      e = parseSubscript(std::move(e));
    } else {
      advance();
      const Token &name = expectName("attribute name after '.'");
      SourceLoc loc = e->loc;
      e = std::make_unique<Attribute>(loc, std::move(e), name.text, name.loc);
    }
  }
  return e;
}

ExprPtr Parser::parseCall(ExprPtr func) {
  advance(); // `(`
  SourceLoc loc = func->loc;
  auto call = std::make_unique<Call>(loc, std::move(func));
  parseCallArguments(call->args, call->keywords, /*allowGenerator=*/true);
  if (!atOp(")") && startsExpression()) // `f(a b)`: the usual slip
    failExpected("',' or ')' after argument (missing comma?)");
  expectOp(")", "to close the argument list");
  return call;
}

// Arguments up to the closing `)`: positional, `name=value`, `*seq`, `**mapping`, or a lone
// generator expression `f(x for x in xs)`.
void Parser::parseCallArguments(ExprList &args, std::vector<Keyword> &keywords,
                                bool allowGenerator) {
  bool sawKeyword = false, sawKwUnpack = false;
  std::set<std::string> keywordNames;
  while (!atOp(")")) {
    SourceLoc loc = peek().loc;
    if (acceptOp("*")) {
      if (sawKwUnpack)
        fail(loc, "iterable argument unpacking follows keyword argument unpacking");
      args.push_back(std::make_unique<Starred>(loc, parseTest()));
    } else if (acceptOp("**")) {
      sawKwUnpack = true;
      keywords.push_back({loc, "", parseTest()});
    } else {
      ExprPtr e = parseNamedExprTest();
      if (atOp("=")) {
        if (!e->isa<Name>())
          fail(e->loc, "expression cannot contain assignment, perhaps you meant \"==\"?");
        advance();
        std::string name = e->as<Name>().id;
        if (!keywordNames.insert(name).second)
          fail(loc, "keyword argument repeated: " + name);
        keywords.push_back({loc, std::move(name), parseTest()});
        sawKeyword = true;
      } else if (atComprehension()) {
        if (!allowGenerator || !args.empty() || !keywords.empty())
          fail(e->loc, "generator expression must be parenthesized");
        auto gen = std::make_unique<GeneratorExp>(e->loc);
        gen->elt = std::move(e);
        parseComprehensionClauses(gen->generators);
        if (!atOp(")"))
          fail(gen->loc, "generator expression must be parenthesized");
        args.push_back(std::move(gen));
      } else {
        if (sawKwUnpack)
          fail(e->loc, "positional argument follows keyword argument unpacking");
        if (sawKeyword)
          fail(e->loc, "positional argument follows keyword argument");
        args.push_back(std::move(e));
      }
    }
    if (!acceptOp(","))
      break;
  }
}

ExprPtr Parser::parseSubscript(ExprPtr value) {
  advance(); // `[`
  if (atOp("]"))
    failExpected("index or slice");
  ExprPtr first = parseSliceItem();
  ExprPtr index;
  if (atOp(",")) {
    auto tuple = std::make_unique<Tuple>(first->loc);
    tuple->elts.push_back(std::move(first));
    while (acceptOp(",") && !atOp("]"))
      tuple->elts.push_back(parseSliceItem());
    index = std::move(tuple);
  } else {
    index = std::move(first);
  }
  expectOp("]", "to close the subscript");
  SourceLoc loc = value->loc;
  return std::make_unique<Subscript>(loc, std::move(value), std::move(index));
}

// `expr`, `*expr`, or a slice `[lower]:[upper][:[step]]`.
ExprPtr Parser::parseSliceItem() {
  SourceLoc loc = peek().loc;
  ExprPtr lower;
  if (!atOp(":")) {
    lower = parseStarOrNamedExpr();
    if (!atOp(":"))
      return lower;
  }
  advance(); // `:`
  auto slice = std::make_unique<Slice>(lower ? lower->loc : loc);
  slice->lower = std::move(lower);
  if (!atOp(":") && !atOp(",") && !atOp("]"))
    slice->upper = parseTest();
  if (acceptOp(":") && !atOp(",") && !atOp("]"))
    slice->step = parseTest();
  return slice;
}

ExprPtr Parser::parseAtom() {
  const Token &tok = peek();
  switch (tok.kind) {
  case TokenKind::Name:
    advance();
    return std::make_unique<Name>(tok.loc, tok.text);
  case TokenKind::Number:
    return parseNumber();
  case TokenKind::String:
    return parseStrings();
  case TokenKind::Keyword: {
    if (tok.text != "None" && tok.text != "True" && tok.text != "False")
      break;
    auto c = std::make_unique<Constant>(tok.loc);
    c->valueKind = tok.text == "None" ? ConstantKind::None : ConstantKind::Bool;
    c->boolValue = tok.text == "True";
    advance();
    return c;
  }
  case TokenKind::Op:
    if (tok.text == "(")
      return parseParenthesized();
    if (tok.text == "[")
      return parseListDisplay();
    if (tok.text == "{")
      return parseBraceDisplay();
    if (tok.text == "...") {
      auto c = std::make_unique<Constant>(advance().loc);
      c->valueKind = ConstantKind::Ellipsis;
      return c;
    }
    break;
  default:
    break;
  }
  failExpected("expression");
}

ExprPtr Parser::parseNumber() {
  const Token &tok = advance();
  auto c = std::make_unique<Constant>(tok.loc);
  switch (tok.numberKind) {
  case NumberKind::Int:
    c->valueKind = ConstantKind::Int;
    c->intValue = tok.intValue;
    break;
  case NumberKind::Float:
    c->valueKind = ConstantKind::Float;
    c->floatValue = tok.floatValue;
    break;
  case NumberKind::Imaginary:
    c->valueKind = ConstantKind::Imaginary;
    c->floatValue = tok.floatValue;
    break;
  }
  return c;
}

// `(` ... `)`: empty tuple, parenthesized expression, tuple, generator, or yield.
ExprPtr Parser::parseParenthesized() {
  SourceLoc open = advance().loc;
  if (acceptOp(")")) {
    auto tuple = std::make_unique<Tuple>(open);
    tuple->parenthesized = true;
    return tuple;
  }
  if (atKeyword("yield")) {
    ExprPtr y = parseYield();
    expectOp(")", "to close the parenthesis");
    return y;
  }
  ExprPtr first = parseStarOrNamedExpr();
  if (atComprehension()) {
    auto gen = std::make_unique<GeneratorExp>(open);
    gen->elt = std::move(first);
    parseComprehensionClauses(gen->generators);
    expectOp(")", "to close the generator expression");
    return gen;
  }
  if (!atOp(",")) {
    expectOp(")", "to close the parenthesis");
    return first;
  }
  auto tuple = std::make_unique<Tuple>(open);
  tuple->parenthesized = true;
  tuple->elts.push_back(std::move(first));
  while (acceptOp(",") && !atOp(")"))
    tuple->elts.push_back(parseStarOrNamedExpr());
  expectOp(")", "to close the tuple");
  return tuple;
}

ExprPtr Parser::parseListDisplay() {
  SourceLoc open = advance().loc;
  if (acceptOp("]"))
    return std::make_unique<List>(open);
  ExprPtr first = parseStarOrNamedExpr();
  if (atComprehension()) {
    auto comp = std::make_unique<ListComp>(open);
    comp->elt = std::move(first);
    parseComprehensionClauses(comp->generators);
    expectOp("]", "to close the list comprehension");
    return comp;
  }
  auto list = std::make_unique<List>(open);
  list->elts.push_back(std::move(first));
  while (acceptOp(",") && !atOp("]"))
    list->elts.push_back(parseStarOrNamedExpr());
  expectOp("]", "to close the list");
  return list;
}

// `{}` dict, `{k: v, **d}` dict, `{a, *b}` set, and their comprehensions.
ExprPtr Parser::parseBraceDisplay() {
  SourceLoc open = advance().loc;
  if (acceptOp("}"))
    return std::make_unique<Dict>(open);

  bool isDict = atOp("**");
  ExprPtr firstKey, firstValue;
  if (isDict) {
    advance();
    firstValue = parseBitOr();
  } else {
    firstKey = parseStarOrNamedExpr();
    if (acceptOp(":")) {
      isDict = true;
      firstValue = parseTest();
    }
  }

  if (!isDict) {
    if (atComprehension()) {
      auto comp = std::make_unique<SetComp>(open);
      comp->elt = std::move(firstKey);
      parseComprehensionClauses(comp->generators);
      expectOp("}", "to close the set comprehension");
      return comp;
    }
    auto set = std::make_unique<Set>(open);
    set->elts.push_back(std::move(firstKey));
    while (acceptOp(",") && !atOp("}"))
      set->elts.push_back(parseStarOrNamedExpr());
    expectOp("}", "to close the set");
    return set;
  }

  if (firstKey && atComprehension()) {
    auto comp = std::make_unique<DictComp>(open);
    comp->key = std::move(firstKey);
    comp->value = std::move(firstValue);
    parseComprehensionClauses(comp->generators);
    expectOp("}", "to close the dict comprehension");
    return comp;
  }
  auto dict = std::make_unique<Dict>(open);
  dict->keys.push_back(std::move(firstKey));
  dict->values.push_back(std::move(firstValue));
  while (acceptOp(",") && !atOp("}")) {
    if (acceptOp("**")) {
      dict->keys.push_back(nullptr);
      dict->values.push_back(parseBitOr());
      continue;
    }
    dict->keys.push_back(parseTest());
    expectOp(":", "between dict key and value");
    dict->values.push_back(parseTest());
  }
  expectOp("}", "to close the dict");
  return dict;
}

// `for target in iter [if cond]*`, repeated.
void Parser::parseComprehensionClauses(std::vector<Comprehension> &out) {
  while (atComprehension()) {
    Comprehension clause;
    clause.isAsync = acceptKeyword("async");
    advance(); // `for`
    clause.target = parseExprList();
    checkTarget(*clause.target, "assign to");
    expectKeyword("in", "in comprehension");
    clause.iter = parseOrTest();
    while (acceptKeyword("if"))
      clause.ifs.push_back(parseOrTest());
    out.push_back(std::move(clause));
  }
}

// Adjacent string literals concatenate; any f-string among them makes the result a JoinedStr.
ExprPtr Parser::parseStrings() {
  SourceLoc loc = peek().loc;
  bool anyFString = false, anyBytes = false, anyText = false;
  for (size_t i = pos_; tokens_[i].is(TokenKind::String); ++i) {
    const Token &tok = tokens_[i];
    anyFString = anyFString || tok.isFString;
    (tok.isBytes ? anyBytes : anyText) = true;
    if (anyBytes && anyText)
      fail(tok.loc, "cannot mix bytes and nonbytes literals");
  }
  if (!anyFString) {
    auto c = std::make_unique<Constant>(loc);
    c->valueKind = anyBytes ? ConstantKind::Bytes : ConstantKind::Str;
    while (at(TokenKind::String))
      c->strValue += advance().text;
    return c;
  }
  auto joined = std::make_unique<JoinedStr>(loc);
  while (at(TokenKind::String)) {
    const Token &tok = advance();
    if (tok.isFString) {
      appendFString(tok, *joined);
      continue;
    }
    auto piece = std::make_unique<Constant>(tok.loc);
    piece->valueKind = ConstantKind::Str;
    piece->strValue = tok.text;
    joined->values.push_back(std::move(piece));
  }
  return joined;
}

// The location of file offset `offset` inside string token `tok` (which may span lines).
SourceLoc Parser::fstringLoc(const Token &tok, size_t offset) const {
  const std::string &text = file_.text();
  int line = tok.loc.line;
  size_t lastNewline = std::string::npos;
  for (size_t i = tok.offset; i < offset; ++i)
    if (text[i] == '\n')
      ++line, lastNewline = i;
  int col = lastNewline == std::string::npos
                ? tok.loc.col + static_cast<int>(offset - tok.offset)
                : static_cast<int>(offset - lastNewline);
  return SourceLoc{&file_, line, col};
}

// Splits an f-string body into literal pieces and `{...}` fields.
void Parser::appendFString(const Token &tok, JoinedStr &out) {
  const std::string &text = file_.text();
  std::string literal;
  SourceLoc literalLoc = tok.loc;
  auto flushLiteral = [&] {
    if (literal.empty())
      return;
    auto piece = std::make_unique<Constant>(literalLoc);
    piece->valueKind = ConstantKind::Str;
    piece->strValue = tok.isRaw ? literal : decodeStringEscapes(literal, false, literalLoc);
    out.values.push_back(std::move(piece));
    literal.clear();
  };
  size_t i = tok.bodyBegin;
  while (i < tok.bodyEnd) {
    char c = text[i];
    bool doubled = i + 1 < tok.bodyEnd && text[i + 1] == c;
    if ((c == '{' || c == '}') && doubled) {
      literal += c;
      i += 2;
    } else if (c == '}') {
      fail(fstringLoc(tok, i), "f-string: single '}' is not allowed");
    } else if (c == '{') {
      flushLiteral();
      i = parseFStringField(tok, i, out);
      literalLoc = fstringLoc(tok, i);
    } else if (c == '\\' && !tok.isRaw && i + 1 < tok.bodyEnd) {
      // `\N{NAME}` keeps its braces; any other escape is decoded with the piece.
      size_t escapeEnd = i + 2;
      if (text[i + 1] == 'N' && escapeEnd < tok.bodyEnd && text[escapeEnd] == '{') {
        size_t close = text.find('}', escapeEnd);
        escapeEnd = close == std::string::npos || close >= tok.bodyEnd ? tok.bodyEnd : close + 1;
      }
      literal.append(text, i, escapeEnd - i);
      i = escapeEnd;
    } else {
      literal += c;
      ++i;
    }
  }
  flushLiteral();
}

// Parses the field opening at `open` (a `{`); returns the offset just past its `}`.
size_t Parser::parseFStringField(const Token &tok, size_t open, JoinedStr &out) {
  const std::string &text = file_.text();
  const size_t end = tok.bodyEnd;
  auto expectingBrace = [&](size_t at) {
    fail(fstringLoc(tok, std::min(at, end)), "f-string: expecting '}'");
  };
  // Find where the expression ends: at depth 0, a `}`, a `!` conversion, a `:` spec, or `=`.
  size_t i = open + 1;
  int depth = 0;
  for (; i < end; ++i) {
    char c = text[i];
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (depth == 0)
        break;
      --depth;
    } else if (c == '\'' || c == '"') {
      size_t close = text.find(c, i + 1);
      if (close == std::string::npos || close >= end)
        fail(fstringLoc(tok, i), "f-string: unterminated string");
      i = close;
    } else if (c == '#') {
      fail(fstringLoc(tok, i), "f-string expression part cannot include '#'");
    } else if (depth == 0 && c == '!' && !(i + 1 < end && text[i + 1] == '=')) {
      break;
    } else if (depth == 0 && c == ':') {
      break;
    } else if (depth == 0 && c == '=' && !(i + 1 < end && text[i + 1] == '=') &&
               std::string_view("=!<>").find(text[i - 1]) == std::string_view::npos) {
      break;
    }
  }
  if (i >= end)
    expectingBrace(i);
  std::string_view exprText(text.data() + open + 1, i - open - 1);
  if (exprText.find_first_not_of(" \t\r\n") == std::string_view::npos)
    fail(fstringLoc(tok, open), "f-string: empty expression not allowed");

  Lexer lexer = Lexer::forExpression(file_, open + 1, i);
  Parser sub(file_, lexer.tokenize());
  auto field = std::make_unique<FormattedValue>(fstringLoc(tok, open), sub.parseWholeExpression());

  if (text[i] == '=') { // `{x=}`, also `{x = }`: whitespace may follow the `=` (it is printed)
    field->selfDocumenting = true;
    for (++i; i < end && std::isspace(static_cast<unsigned char>(text[i])); ++i) {
    }
  }
  if (i < end && text[i] == '!') {
    if (i + 1 >= end || std::string_view("rsa").find(text[i + 1]) == std::string_view::npos)
      fail(fstringLoc(tok, i), "f-string: invalid conversion character: expected 's', 'r', or 'a'");
    field->conversion = text[i + 1];
    i += 2;
  }
  if (i < end && text[i] == ':') {
    size_t specBegin = ++i;
    int specDepth = 0;
    for (; i < end; ++i) {
      if (text[i] == '{')
        ++specDepth;
      else if (text[i] == '}' && specDepth-- == 0)
        break;
    }
    field->formatSpec.assign(text, specBegin, i - specBegin);
  }
  if (i >= end || text[i] != '}')
    expectingBrace(i);
  out.values.push_back(std::move(field));
  return i + 1;
}

} // namespace

Module parse(const SourceFile &file) {
  Lexer lexer(file);
  Parser parser(file, lexer.tokenize());
  Module module = parser.parseModule();
  for (const DirectiveComment &d : lexer.directiveComments())
    module.directives.push_back({d.loc, d.flags});
  return module;
}

ExprPtr parseExpression(const SourceFile &file) {
  Lexer lexer = Lexer::forExpression(file, 0, file.text().size());
  Parser parser(file, lexer.tokenize());
  return parser.parseWholeExpression();
}

} // namespace tilec
