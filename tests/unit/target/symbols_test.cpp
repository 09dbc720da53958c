// Hygienic names (target/Symbols.h): how symbols in printed text become C identifiers.
#include "target/Symbols.h"

#include <gtest/gtest.h>

namespace tilec::target {
namespace {

using ir::var;

// Resolves one code file with no target names reserved.
std::string resolved(std::string text, const Reserved &reserved = {}) {
  resolveSymbols({{&text, true}}, reserved);
  return text;
}

TEST(Symbols, SizeAndLoopVariableOfOneNameStayApart) {
  ir::Var size = var("k"), loop = var("k");
  std::string text = "void f(int " + symbol(size) + ") {\n  for (int " + symbol(loop) + " = 0; " + symbol(loop) +
                     " < (" + symbol(size) + " + 31) / 32; ++" + symbol(loop) + ") {\n  }\n}\n";
  EXPECT_EQ(resolved(text), "void f(int k) {\n  for (int k_1 = 0; k_1 < (k + 31) / 32; ++k_1) {\n  }\n}\n");
}

TEST(Symbols, KeywordsAndReservedNamesAreNeverDeclared) {
  Reserved r;
  r.words = {"threadIdx"};
  r.prefixes = {"noc_"};
  std::string text;
  for (const char *n : {"int", "float", "auto", "register", "new", "this", "threadIdx", "noc_x", "std", "main"})
    text += "int " + symbol(*var(n)) + ";\n";
  EXPECT_EQ(resolved("{\n" + text + "}\n", r),
            "{\nint int_;\nint float_;\nint auto_;\nint register_;\nint new_;\nint this_;\nint threadIdx_;\n"
            "int v_noc_x;\nint std_;\nint main_;\n}\n");
}

// A keyword's renamed form ends in `_`; numbering it again must not make `this__1` (any `__` is
// reserved to the implementation). Found when the size `this` and the loop `this` met in one scope.
TEST(Symbols, NumberingARenamedKeywordMakesNoDoubleUnderscore) {
  ir::Var size = var("this"), loop = var("this");
  std::string text = "{\n  int " + symbol(size) + " = 3;\n  for (int " + symbol(loop) + " = 0; " + symbol(loop) +
                     " < " + symbol(size) + "; ++" + symbol(loop) + ") {\n  }\n}\n";
  EXPECT_EQ(resolved(text), "{\n  int this_ = 3;\n  for (int this_1 = 0; this_1 < this_; ++this_1) {\n  }\n}\n");
}

TEST(Symbols, NamesCppReservesAreMadeLegal) {
  EXPECT_EQ(legalIdentifier("__x"), "v_x");
  EXPECT_EQ(legalIdentifier("_Tile"), "v_Tile");
  EXPECT_EQ(legalIdentifier("a__b"), "a_b");
  EXPECT_EQ(legalIdentifier("1st"), "v_1st");
  EXPECT_EQ(legalIdentifier("a.b"), "a_b");
  EXPECT_EQ(legalIdentifier(""), "v");
}

TEST(Symbols, SiblingScopesShareANameNestedOnesDoNot) {
  ir::Var a = var("i"), b = var("i"), c = var("i");
  std::string text = "{\n  for (int " + symbol(a) + " = 0; " + symbol(a) + " < 4; ++" + symbol(a) +
                     ") {\n  }\n  for (int " + symbol(b) + " = 0; " + symbol(b) + " < 4; ++" + symbol(b) +
                     ") {\n    for (int " + symbol(c) + " = 0; " + symbol(c) + " < " + symbol(b) + "; ++" + symbol(c) +
                     ") {\n    }\n  }\n}\n";
  EXPECT_EQ(resolved(text), "{\n  for (int i = 0; i < 4; ++i) {\n  }\n  for (int i = 0; i < 4; ++i) {\n"
                            "    for (int i_1 = 0; i_1 < i; ++i_1) {\n    }\n  }\n}\n");
}

TEST(Symbols, TwoDeclarationsInOneBlockGetTwoNames) {
  ir::Var a = var("t"), b = var("t");
  EXPECT_EQ(resolved("{\n  const int " + symbol(a) + " = 1;\n  const int " + symbol(b) + " = 2;\n}\n"),
            "{\n  const int t = 1;\n  const int t_1 = 2;\n}\n");
}

TEST(Symbols, LiteralsInOverlappingScopesAreAvoided) {
  // The printer's own `i` wraps the user's `i` (renamed); a later, separate `pos` is not in the
  // way of a user `pos` declared before it in a closed block.
  ir::Var user = var("i"), pos = var("pos");
  std::string text = "{\n  for (uint32_t i = 0; i < n; ++i) {\n    int " + symbol(user) + " = i;\n  }\n  {\n    int " +
                     symbol(pos) + " = 0;\n  }\n  for (int pos = 0; pos < 2; ++pos) {\n  }\n}\n";
  EXPECT_EQ(resolved(text), "{\n  for (uint32_t i = 0; i < n; ++i) {\n    int i_1 = i;\n  }\n  {\n    int pos = 0;\n"
                            "  }\n  for (int pos = 0; pos < 2; ++pos) {\n  }\n}\n");
}

TEST(Symbols, MembersAndCommentsClaimNoName) {
  ir::Var x = var("x"), run = var("run");
  std::string text = "{\n  // run x over the blocks\n  const int " + symbol(x) + " = threadIdx.x; // " + symbol(x) +
                     "\n  const char *s = \"run\";\n  int " + symbol(run) + " = 0;\n}\n";
  EXPECT_EQ(resolved(text), "{\n  // run x over the blocks\n  const int x = threadIdx.x; // x\n"
                            "  const char *s = \"run\";\n  int run = 0;\n}\n");
}

TEST(Symbols, NamesGluedToASymbolAreSymbolsOfTheirOwn) {
  ir::Buffer a = std::make_shared<ir::BufferNode>("A", std::vector<ir::Expr>{}, ir::DType::Float32, ir::Scope::Global);
  ir::Var userAddr = var("A_addr"), cb = var("cb_A");
  std::string text = "{\n  const int " + symbol(userAddr) + " = 1;\n  const int " + symbol(a) + "_addr = 2;\n  const int cb_" +
                     symbol(a) + " = 3;\n  const int " + symbol(cb) + " = " + symbol(a) + "_addr + cb_" + symbol(a) + ";\n}\n";
  EXPECT_EQ(resolved(text), "{\n  const int A_addr = 1;\n  const int A_addr_1 = 2;\n  const int cb_A = 3;\n"
                            "  const int cb_A_1 = A_addr_1 + cb_A;\n}\n");
}

TEST(Symbols, OneNamePerSymbolAcrossFiles) {
  ir::Var k = var("k"), loop = var("k");
  std::string kernel = "void g(int " + symbol(k) + ") {\n  for (int " + symbol(loop) + " = 0; " + symbol(loop) + " < " +
                       symbol(k) + "; ++" + symbol(loop) + ") {\n  }\n}\n";
  std::string host = "void h() {\n  const int int_ = 0;\n  const int " + symbol(k) + " = 3;\n}\n";
  std::string plan = "{\"size\": \"" + symbol(k) + "\"}";
  resolveSymbols({{&kernel, true}, {&host, true}, {&plan, false}}, {});
  EXPECT_EQ(kernel, "void g(int k) {\n  for (int k_1 = 0; k_1 < k; ++k_1) {\n  }\n}\n");
  EXPECT_EQ(host, "void h() {\n  const int int_ = 0;\n  const int k = 3;\n}\n");
  EXPECT_EQ(plan, "{\"size\": \"k\"}");
}

TEST(Symbols, PreprocessorNamesHoldEverywhere) {
  ir::Var v = var("WIDTH");
  EXPECT_EQ(resolved("#define WIDTH 4\nvoid f() {\n  int " + symbol(v) + " = WIDTH;\n}\n"),
            "#define WIDTH 4\nvoid f() {\n  int WIDTH_1 = WIDTH;\n}\n");
}

TEST(Symbols, SpellsMatchesWholeWordsOnly) {
  ir::Var k = var("k");
  std::string s = symbol(k);
  EXPECT_TRUE(spells("x + " + s + ";", s));
  EXPECT_FALSE(spells("x + " + s + "_chunk;", s));
  EXPECT_FALSE(spells("x + cb_" + s + ";", s));
  EXPECT_TRUE(spells("a = first_block;", "first_block"));
  EXPECT_FALSE(spells("a = first_block2;", "first_block"));
}

} // namespace
} // namespace tilec::target
