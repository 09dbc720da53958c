// Statements: every kind, and whole files as TileLang users write them.
#include "FrontendTestUtil.h"

#include <gtest/gtest.h>

using tilec::testing::parseSummary;
using tilec::testing::readInput;
namespace ast = tilec::ast;

namespace {

TEST(ParserStmt, Assignments) {
  EXPECT_EQ(parseSummary("a = b = 1\n"), "assign a = b = 1\n");
  EXPECT_EQ(parseSummary("a, b = c\n"), "assign (tuple a b) = c\n");
  EXPECT_EQ(parseSummary("(a, b), [c, *d] = e\n"),
            "assign (tuple (tuple a b) (list c (* d))) = e\n");
  EXPECT_EQ(parseSummary("C_tile[i, j] += A[i, kk] * B[kk, j]\n"),
            "augassign (sub C_tile (tuple i j)) += (* (sub A (tuple i kk)) (sub B (tuple kk j)))\n");
  EXPECT_EQ(parseSummary("x //= 2\nx **= 2\nx >>= 1\nx @= m\n"),
            "augassign x //= 2\naugassign x **= 2\naugassign x >>= 1\naugassign x @= m\n");
  EXPECT_EQ(parseSummary("n: int = 3\nself.x: float\n"),
            "annassign n : int = 3\nannassign (. self x) : float\n");
}

TEST(ParserStmt, FunctionDefinitions) {
  EXPECT_EQ(parseSummary("def f(x: int = 3) -> \"T.PrimFunc\":\n    return x\n"),
            "def f(x: int = 3) -> \"T.PrimFunc\"\n  return x\n");
  EXPECT_EQ(parseSummary("def f(a, /, b, *args, c, d=1, **kwargs): pass\n"),
            "def f(a, /, b, *args, c, d = 1, **kwargs)\n  pass\n");
  EXPECT_EQ(parseSummary("async def f(): await g()\n"), "async def f()\n  expr (await (call g))\n");
  EXPECT_EQ(parseSummary("def f(*, key): return\n"), "def f(*, key)\n  return\n");
}

TEST(ParserStmt, DecoratorsAndNestedDefs) {
  const char *src = "@tilelang.jit(out_idx=[-1])\n"
                    "def factory(M, N=64):\n"
                    "    @T.prim_func\n"
                    "    def kernel(A: T.Tensor((M, N), \"float16\")):\n"
                    "        pass\n"
                    "    return kernel\n";
  EXPECT_EQ(parseSummary(src), "@(call (. tilelang jit) (kw out_idx (list (neg 1))))\n"
                               "def factory(M, N = 64)\n"
                               "  @(. T prim_func)\n"
                               "  def kernel(A: (call (. T Tensor) (tuple M N) \"float16\"))\n"
                               "    pass\n"
                               "  return kernel\n");
}

TEST(ParserStmt, DecoratorListIsKeptOnTheFunction) {
  tilec::SourceManager sm;
  ast::Module m = tilec::parse(sm.addBuffer(
      "t.py", "@annotate_tt_schedule(policy=\"strided\")\n@annotate_tt_sharding({\"A\": {}})\n"
              "@T.prim_func\ndef k(): pass\n"));
  ASSERT_EQ(m.body.size(), 1u);
  const auto *fn = m.body[0]->dyn_cast<ast::FunctionDef>();
  ASSERT_NE(fn, nullptr);
  EXPECT_EQ(fn->name, "k");
  ASSERT_EQ(fn->decorators.size(), 3u);
  EXPECT_TRUE(fn->decorators[0]->isa<ast::Call>());
  EXPECT_TRUE(fn->decorators[2]->isa<ast::Attribute>());
  EXPECT_EQ(fn->loc.line, 4); // the `def` line
}

TEST(ParserStmt, Classes) {
  EXPECT_EQ(parseSummary("class A(B, metaclass=M):\n    x = 1\n    def f(self): pass\n"),
            "class A(B (kw metaclass M))\n  assign x = 1\n  def f(self)\n    pass\n");
  EXPECT_EQ(parseSummary("class A: pass\n"), "class A\n  pass\n");
}

TEST(ParserStmt, IfElifElse) {
  EXPECT_EQ(parseSummary("if a:\n  x\nelif b:\n  y\nelif c: z\nelse:\n  w\n"),
            "if a\n  expr x\nelif b\n  expr y\nelif c\n  expr z\nelse\n  expr w\n");
  EXPECT_EQ(parseSummary("if __name__ == \"__main__\":\n    main()\n"),
            "if (compare __name__ == \"__main__\")\n  expr (call main)\n");
}

TEST(ParserStmt, Loops) {
  EXPECT_EQ(parseSummary("for i, j in T.Parallel(32, 32):\n    pass\nelse:\n    pass\n"),
            "for (tuple i j) in (call (. T Parallel) 32 32)\n  pass\nelse\n  pass\n");
  EXPECT_EQ(parseSummary("for k in T.Pipelined(T.ceildiv(K, 32), num_stages=3): pass\n"),
            "for k in (call (. T Pipelined) (call (. T ceildiv) K 32) (kw num_stages 3))\n  pass\n");
  EXPECT_EQ(parseSummary("for x in 1, 2: pass\n"), "for x in (tuple 1 2)\n  pass\n");
  EXPECT_EQ(parseSummary("while x > 0:\n  x -= 1\n  break\nelse:\n  continue\n"),
            "while (compare x > 0)\n  augassign x -= 1\n  break\nelse\n  continue\n");
  EXPECT_EQ(parseSummary("while (n := n - 1): pass\n"), "while (:= n (- n 1))\n  pass\n");
}

TEST(ParserStmt, With) {
  EXPECT_EQ(parseSummary("with T.Kernel(8, 8) as (bx, by):\n    pass\n"),
            "with (call (. T Kernel) 8 8) as (tuple bx by)\n  pass\n");
  EXPECT_EQ(parseSummary("with T.Kernel(8) as bx: pass\n"),
            "with (call (. T Kernel) 8) as bx\n  pass\n");
  EXPECT_EQ(parseSummary("with open(a) as f, lock: pass\n"),
            "with (call open a) as f, lock\n  pass\n");
  EXPECT_EQ(parseSummary("with (open(a) as f, open(b) as g,): pass\n"),
            "with (call open a) as f, (call open b) as g\n  pass\n");
  EXPECT_EQ(parseSummary("with (yield_ctx()) as c: pass\n"),
            "with (call yield_ctx) as c\n  pass\n");
}

TEST(ParserStmt, TryExceptElseFinally) {
  EXPECT_EQ(parseSummary("try:\n  a\nexcept (E1, E2) as e:\n  b\nexcept E3:\n  c\nexcept:\n"
                         "  raise\nelse:\n  d\nfinally:\n  f\n"),
            "try\n  expr a\nexcept (tuple E1 E2) as e\n  expr b\nexcept E3\n  expr c\nexcept\n"
            "  raise\nelse\n  expr d\nfinally\n  expr f\n");
  EXPECT_EQ(parseSummary("try: a\nfinally: b\n"), "try\n  expr a\nfinally\n  expr b\n");
}

TEST(ParserStmt, SimpleStatements) {
  EXPECT_EQ(parseSummary("raise ValueError('x') from e\nraise\nassert x, 'msg'\ndel a[0], b.c\n"
                         "global g1, g2\nnonlocal n\npass; break; continue\nreturn 1, *r\n"),
            "raise (call ValueError \"x\") from e\nraise\nassert x, \"msg\"\ndel (sub a 0) (. b c)\n"
            "global g1, g2\nnonlocal n\npass\nbreak\ncontinue\nreturn (tuple 1 (* r))\n");
}

TEST(ParserStmt, Imports) {
  EXPECT_EQ(parseSummary("import tilelang\nimport tilelang.language as T, os.path\n"
                         "from a.b import c as d, e\nfrom . import x\nfrom ..pkg import (y,\n z,)\n"
                         "from ... import w\nfrom m import *\n"),
            "import tilelang\nimport tilelang.language as T, os.path\nfrom a.b import c as d, e\n"
            "from . import x\nfrom ..pkg import y, z\nfrom ... import w\nfrom m import *\n");
}

TEST(ParserStmt, DirectivesReachTheModule) {
  tilec::SourceManager sm;
  ast::Module m = tilec::parse(sm.addBuffer("t.py", "# tilec: --kernel add -D M=64\nx = 1\n"));
  ASSERT_EQ(m.directives.size(), 1u);
  EXPECT_EQ(m.directives[0].flags, "--kernel add -D M=64");
}

TEST(ParserStmt, ElidedParameterListFromDesignDocuments) {
  EXPECT_EQ(parseSummary("def k(...):\n    with T.Kernel(...) as (bx, by):\n        ...\n"),
            "def k(...)\n  with (call (. T Kernel) ...) as (tuple bx by)\n    expr ...\n");
}

TEST(ParserStmt, LineContinuationInKernels) {
  EXPECT_EQ(parseSummary("C[i, j] = \\\n    A[i, j] + B[i, j]\n"),
            "assign (sub C (tuple i j)) = (+ (sub A (tuple i j)) (sub B (tuple i j)))\n");
}

TEST(ParserStmt, StatementLocations) {
  tilec::SourceManager sm;
  ast::Module m = tilec::parse(sm.addBuffer("t.py", "if a:\n    x = 1\nelse:\n    y += 2\n"));
  const auto &ifStmt = m.body[0]->as<ast::If>();
  EXPECT_EQ(ifStmt.body[0]->loc.line, 2);
  EXPECT_EQ(ifStmt.body[0]->loc.col, 5);
  EXPECT_EQ(ifStmt.orelse[0]->loc.line, 4);
  EXPECT_TRUE(ifStmt.orelse[0]->isa<ast::AugAssign>());
}

TEST(ParserStmt, PrintWithLocations) {
  tilec::SourceManager sm;
  ast::Module m = tilec::parse(sm.addBuffer("t.py", "def f():\n  return 1\n"));
  EXPECT_EQ(tilec::printAst(m, {true}), "def f()  @1:1\n  return 1  @2:3\n");
}

// Real files: every snippet of the seed document and the language reference, and a full
// factory-style file with the host code around it.
TEST(ParserStmt, RealWorldFilesParse) {
  for (const char *name : {"seed_kernels.py", "flash_attention_full.py", "reference_styles.py",
                           "tt_annotations.py", "tilelang_style_gemm.py",
                           "flash_attention_factory.py"}) {
    std::string text = readInput(name);
    ASSERT_FALSE(text.empty()) << name;
    std::string printed = parseSummary(text);
    EXPECT_EQ(printed.find(": error"), std::string::npos) << name << ": " << printed;
    EXPECT_NE(printed.find("def "), std::string::npos) << name << ": " << printed;
  }
}

TEST(ParserStmt, SeedMatmulShape) {
  tilec::SourceManager sm;
  ast::Module m = tilec::parse(sm.addBuffer("seed.py", readInput("seed_kernels.py")));
  const ast::FunctionDef *matmul = nullptr;
  for (const ast::StmtPtr &s : m.body)
    if (auto *fn = s->dyn_cast<ast::FunctionDef>(); fn && fn->name == "matmul")
      matmul = fn;
  ASSERT_NE(matmul, nullptr);
  ASSERT_EQ(matmul->args.args.size(), 3u);
  EXPECT_EQ(matmul->args.args[2].name, "C");
  const auto *with = matmul->body[0]->dyn_cast<ast::With>();
  ASSERT_NE(with, nullptr);
  const auto *targets = with->items[0].optionalVars->dyn_cast<ast::Tuple>();
  ASSERT_NE(targets, nullptr);
  EXPECT_EQ(targets->elts.size(), 2u);
  EXPECT_EQ(targets->elts[1]->as<ast::Name>().id, "by");
}

} // namespace
