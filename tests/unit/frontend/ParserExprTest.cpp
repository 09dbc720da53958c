// Expressions: precedence and associativity exactly as Python's grammar, and every form.
#include "FrontendTestUtil.h"

#include <gtest/gtest.h>

using tilec::testing::exprSummary;

namespace {

TEST(ParserExpr, ArithmeticPrecedence) {
  EXPECT_EQ(exprSummary("a + b * c"), "(+ a (* b c))");
  EXPECT_EQ(exprSummary("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(exprSummary("a * b // c % d @ e / f"), "(/ (@ (% (// (* a b) c) d) e) f)");
  EXPECT_EQ(exprSummary("(a + b) * c"), "(* (+ a b) c)");
}

TEST(ParserExpr, PowerIsRightAssociativeAndBindsTighterThanUnaryOnItsLeft) {
  EXPECT_EQ(exprSummary("a ** b ** c"), "(** a (** b c))");
  EXPECT_EQ(exprSummary("-a ** b"), "(neg (** a b))");
  EXPECT_EQ(exprSummary("a ** -b"), "(** a (neg b))");
  EXPECT_EQ(exprSummary("-x.y[1] ** 2"), "(neg (** (sub (. x y) 1) 2))");
  EXPECT_EQ(exprSummary("+-~x"), "(pos (neg (~ x)))");
}

TEST(ParserExpr, BitwiseLevels) {
  EXPECT_EQ(exprSummary("a | b ^ c & d << e + f"), "(| a (^ b (& c (<< d (+ e f)))))");
  EXPECT_EQ(exprSummary("a >> 1 << 2"), "(<< (>> a 1) 2)");
}

TEST(ParserExpr, ComparisonsChainAndSitBelowBitwise) {
  EXPECT_EQ(exprSummary("a < b <= c | d"), "(compare a < b <= (| c d))");
  EXPECT_EQ(exprSummary("a is not b"), "(compare a is not b)");
  EXPECT_EQ(exprSummary("a not in b == c"), "(compare a not in b == c)");
  EXPECT_EQ(exprSummary("a != b > c >= d"), "(compare a != b > c >= d)");
}

TEST(ParserExpr, BooleanOperators) {
  EXPECT_EQ(exprSummary("a or b and not c or d"), "(or a (and b (not c)) d)");
  EXPECT_EQ(exprSummary("not a == b"), "(not (compare a == b))");
  EXPECT_EQ(exprSummary("not not a"), "(not (not a))");
}

TEST(ParserExpr, TernaryAndLambda) {
  EXPECT_EQ(exprSummary("a if b or c else d if e else f"), "(ifexp (or b c) a (ifexp e d f))");
  EXPECT_EQ(exprSummary("lambda: 0"), "(lambda () 0)");
  EXPECT_EQ(exprSummary("lambda x, y=1, *a, k, **kw: x if y else k"),
            "(lambda (x, y = 1, *a, k, **kw) (ifexp y x k))");
  EXPECT_EQ(exprSummary("lambda *, k=2: k"), "(lambda (*, k = 2) k)");
}

TEST(ParserExpr, WalrusInParentheses) {
  EXPECT_EQ(exprSummary("(n := len(a)) > 10"), "(compare (:= n (call len a)) > 10)");
}

TEST(ParserExpr, CallsWithEveryArgumentKind) {
  EXPECT_EQ(exprSummary("f()"), "(call f)");
  EXPECT_EQ(exprSummary("f(a, b=1, *c, **d)"), "(call f a (* c) (kw b 1) (** d))");
  EXPECT_EQ(exprSummary("f(x for x in y)"), "(call f (genexp x (for x y)))");
  EXPECT_EQ(exprSummary("f(a,)"), "(call f a)");
  EXPECT_EQ(exprSummary("T.Kernel(T.ceildiv(N, bn), threads=128)"),
            "(call (. T Kernel) (call (. T ceildiv) N bn) (kw threads 128))");
}

TEST(ParserExpr, SubscriptsAndSlices) {
  EXPECT_EQ(exprSummary("A[by * 32 + i, k * 32 + j]"),
            "(sub A (tuple (+ (* by 32) i) (+ (* k 32) j)))");
  EXPECT_EQ(exprSummary("A[0:32, k*32:(k+1)*32]"),
            "(sub A (tuple (slice 0 32 _) (slice (* k 32) (* (+ k 1) 32) _)))");
  EXPECT_EQ(exprSummary("A[:, ::2, 1:]"),
            "(sub A (tuple (slice _ _ _) (slice _ _ 2) (slice 1 _ _)))");
  EXPECT_EQ(exprSummary("A[i]"), "(sub A i)");
  EXPECT_EQ(exprSummary("A[i,]"), "(sub A (tuple i))");
  EXPECT_EQ(exprSummary("A[...]"), "(sub A ...)");
  EXPECT_EQ(exprSummary("T.Buffer[(M, K), \"float16\"]"),
            "(sub (. T Buffer) (tuple (tuple M K) \"float16\"))");
}

TEST(ParserExpr, Displays) {
  EXPECT_EQ(exprSummary("()"), "(tuple)");
  EXPECT_EQ(exprSummary("(1,)"), "(tuple 1)");
  EXPECT_EQ(exprSummary("(1)"), "1");
  EXPECT_EQ(exprSummary("1, 2"), "(tuple 1 2)");
  EXPECT_EQ(exprSummary("[1, *a, 2,]"), "(list 1 (* a) 2)");
  EXPECT_EQ(exprSummary("{}"), "(dict)");
  EXPECT_EQ(exprSummary("{'a': 1, **b}"), "(dict (\"a\" 1) (** b))");
  EXPECT_EQ(exprSummary("{1, 2}"), "(set 1 2)");
  EXPECT_EQ(exprSummary("{\"A\": {\"layout\": \"row_major\"}}"),
            "(dict (\"A\" (dict (\"layout\" \"row_major\"))))");
}

TEST(ParserExpr, Comprehensions) {
  EXPECT_EQ(exprSummary("[x * y for x in a if x for y in b if y > 0 if y < 9]"),
            "(listcomp (* x y) (for x a (if x)) (for y b (if (compare y > 0)) (if (compare y < 9))))");
  EXPECT_EQ(exprSummary("{k: v for k, v in d.items()}"),
            "(dictcomp k v (for (tuple k v) (call (. d items))))");
  EXPECT_EQ(exprSummary("{x for x in s}"), "(setcomp x (for x s))");
  EXPECT_EQ(exprSummary("(x for x in s)"), "(genexp x (for x s))");
  EXPECT_EQ(exprSummary("[x async for x in s]"), "(listcomp x (async-for x s))");
}

TEST(ParserExpr, Constants) {
  EXPECT_EQ(exprSummary("None, True, False, ..., 1, 2.5, 1e-3, 3j, 0xff"),
            "(tuple None True False ... 1 2.5 0.001 3.0j 255)");
}

TEST(ParserExpr, AdjacentStringsConcatenate) {
  EXPECT_EQ(exprSummary("'a' \"b\" '''c'''"), "\"abc\"");
  EXPECT_EQ(exprSummary("b'a' b'b'"), "b\"ab\"");
  EXPECT_EQ(exprSummary("'a' f'{x}' 'b'"), "(fstring \"a\" (fmt x) \"b\")");
}

TEST(ParserExpr, FStrings) {
  EXPECT_EQ(exprSummary("f\"max err {err:.3e}\""), "(fstring \"max err \" (fmt err :\".3e\"))");
  EXPECT_EQ(exprSummary("f'{a!r} {b=} {{literal}} {c[\"k\"]:>{width}}'"),
            "(fstring (fmt a !r) \" \" (fmt b =) \" {literal} \" (fmt (sub c \"k\") :\">{width}\"))");
  EXPECT_EQ(exprSummary("f'{x + y * 2}\\n'"), "(fstring (fmt (+ x (* y 2))) \"\\n\")");
  EXPECT_EQ(exprSummary("rf'{x}\\n'"), "(fstring (fmt x) \"\\\\n\")");
  EXPECT_EQ(exprSummary("f'{a != b}'"), "(fstring (fmt (compare a != b)))");
  EXPECT_EQ(exprSummary("f'{f(a, b)}'"), "(fstring (fmt (call f a b)))");
  EXPECT_EQ(exprSummary("f'{seqlen = } {n= :d}'"), "(fstring (fmt seqlen =) \" \" (fmt n = :\"d\"))");
}

TEST(ParserExpr, FStringErrors) {
  EXPECT_EQ(exprSummary("f'{}'"), "1:3: f-string: empty expression not allowed");
  EXPECT_EQ(exprSummary("f'{x'"), "1:5: f-string: expecting '}'");
  EXPECT_EQ(exprSummary("f'a}'"), "1:4: f-string: single '}' is not allowed");
  EXPECT_EQ(exprSummary("f'{x!z}'"),
            "1:5: f-string: invalid conversion character: expected 's', 'r', or 'a'");
  EXPECT_EQ(exprSummary("f'{x +}'"), "1:7: expected expression, found end of file");
}

TEST(ParserExpr, FStringFieldLocationsAcrossLines) {
  tilec::SourceManager sm;
  const tilec::SourceFile &file = sm.addBuffer("t.py", "s = f'''line\n  {value}'''\n");
  tilec::ast::Module m = tilec::parse(file);
  const auto &assign = m.body[0]->as<tilec::ast::Assign>();
  const auto &joined = assign.value->as<tilec::ast::JoinedStr>();
  const auto &field = joined.values[1]->as<tilec::ast::FormattedValue>();
  EXPECT_EQ(field.value->loc.line, 2);
  EXPECT_EQ(field.value->loc.col, 4);
}

TEST(ParserExpr, AwaitAndYield) {
  EXPECT_EQ(exprSummary("await f(x)"), "(await (call f x))");
  EXPECT_EQ(exprSummary("(yield)"), "(yield)");
  EXPECT_EQ(exprSummary("yield a, b"), "(yield (tuple a b))");
  EXPECT_EQ(exprSummary("(yield from g)"), "(yield-from g)");
}

TEST(ParserExpr, NodeLocations) {
  tilec::SourceManager sm;
  auto e = tilec::parseExpression(sm.addBuffer("e", "f(a,\n  b + c)"));
  const auto &call = e->as<tilec::ast::Call>();
  EXPECT_EQ(call.loc.line, 1);
  EXPECT_EQ(call.loc.col, 1);
  EXPECT_EQ(call.args[1]->loc.line, 2);
  EXPECT_EQ(call.args[1]->loc.col, 3);
  const auto *sum = call.args[1]->dyn_cast<tilec::ast::BinOp>();
  ASSERT_NE(sum, nullptr);
  EXPECT_EQ(sum->op, tilec::ast::BinOpKind::Add);
  EXPECT_EQ(call.args[0]->dyn_cast<tilec::ast::BinOp>(), nullptr);
}

TEST(ParserExpr, WholeExpressionMustBeConsumed) {
  EXPECT_EQ(exprSummary("f(1) g"), "1:6: expected end of expression, found 'g'");
  EXPECT_EQ(exprSummary(""), "1:1: expected expression, found end of file");
}

} // namespace
