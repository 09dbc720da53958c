// No input may crash the front end: every malformed file ends in a CompileError.
//
// Truncations of real files at every byte, random byte edits, and pathological nesting.
#include "FrontendTestUtil.h"
#include "frontend/Frontend.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

using tilec::testing::readInput;

namespace {

// Parses and prints; returns false when the input was rejected with a CompileError. Anything
// else (another exception, a crash) fails the test.
bool parsesCleanly(const std::string &text) {
  tilec::SourceManager sm;
  const tilec::SourceFile &file = sm.addBuffer("fuzz.py", text);
  try {
    tilec::ast::Module m = tilec::parse(file);
    (void)tilec::printAst(m);
    return true;
  } catch (const tilec::CompileError &e) {
    EXPECT_TRUE(e.loc().valid()) << "error without a location: " << e.message();
    if (e.loc().valid()) { // the location is inside the file (or just past its last line)
      EXPECT_GE(e.loc().line, 1);
      EXPECT_LE(e.loc().line, file.lineCount() + 1);
      EXPECT_GE(e.loc().col, 1);
    }
    (void)e.render();
    return false;
  }
}

// Every byte for small files; a stride keeps big ones fast under sanitizers.
TEST(Robustness, TruncationsOfRealFiles) {
  for (const char *name : {"seed_kernels.py", "tt_annotations.py", "flash_attention_full.py"}) {
    std::string text = readInput(name);
    ASSERT_FALSE(text.empty());
    ASSERT_TRUE(parsesCleanly(text)) << name;
    int rejected = 0;
    size_t stride = std::max<size_t>(1, text.size() / 1500);
    for (size_t len = 0; len < text.size(); len += stride)
      rejected += parsesCleanly(text.substr(0, len)) ? 0 : 1;
    EXPECT_GT(rejected, 0) << name;
  }
}

TEST(Robustness, RandomEditsOfARealFile) {
  std::string text = readInput("flash_attention_full.py");
  ASSERT_FALSE(text.empty());
  const std::string alphabet = "()[]{}:,.=+-*/'\"\\\n\t #@fx0_1eb!";
  std::mt19937 rng(12345);
  for (int iteration = 0; iteration < 1000; ++iteration) {
    std::string mutated = text;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t at = rng() % mutated.size();
      switch (rng() % 3) {
      case 0: mutated[at] = alphabet[rng() % alphabet.size()]; break;
      case 1: mutated.erase(at, 1 + rng() % 8); break;
      default: mutated.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
      }
      if (mutated.empty())
        mutated = "x";
    }
    parsesCleanly(mutated);
  }
}

TEST(Robustness, RandomBytes) {
  std::mt19937 rng(7);
  for (int iteration = 0; iteration < 2000; ++iteration) {
    std::string text(rng() % 200, ' ');
    for (char &c : text)
      c = static_cast<char>(rng() % 256);
    parsesCleanly(text);
  }
}

std::string repeat(const std::string &s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += s;
  return out;
}

TEST(Robustness, PathologicalNestingIsRejectedNotOverflowed) {
  const int n = 100000;
  EXPECT_FALSE(parsesCleanly("x = " + repeat("-", n) + "1\n"));
  EXPECT_FALSE(parsesCleanly("x = " + repeat("not ", n) + "1\n"));
  EXPECT_FALSE(parsesCleanly("x = " + repeat("a if b else ", n) + "1\n"));
  EXPECT_FALSE(parsesCleanly("x = " + repeat("lambda: ", n) + "1\n"));
  EXPECT_FALSE(parsesCleanly("x = 1" + repeat(" + 1", n) + "\n"));
  EXPECT_FALSE(parsesCleanly("x = f" + repeat("()", n) + "\n"));
  EXPECT_FALSE(parsesCleanly("x = 2" + repeat(" ** 2", n) + "\n"));
  EXPECT_FALSE(parsesCleanly(repeat("(", n) + repeat(")", n) + "\n"));
  // Deep but legal: just under the limits.
  EXPECT_TRUE(parsesCleanly("x = " + repeat("(", 199) + "1" + repeat(")", 199) + "\n"));
  EXPECT_TRUE(parsesCleanly("x = 1" + repeat(" + 1", 500) + "\n"));
  std::string nestedIfs;
  for (int depth = 0; depth < 99; ++depth)
    nestedIfs += std::string(static_cast<size_t>(depth), ' ') + "if x:\n";
  nestedIfs += std::string(99, ' ') + "pass\n";
  EXPECT_TRUE(parsesCleanly(nestedIfs));
}

TEST(Robustness, ElifChainsAreBounded) {
  auto chain = [](int n) {
    return "if a:\n  pass\n" + repeat("elif a:\n  pass\n", n) + "else:\n  pass\n";
  };
  EXPECT_TRUE(parsesCleanly(chain(998)));
  EXPECT_EQ(tilec::testing::errorOf(chain(20000)),
            "2001:1: too many 'elif' branches (the limit is 1000)");
}

} // namespace

namespace {

// Builds the kernel of an edited file: success or a located CompileError, nothing else.
void buildsCleanly(const std::string &text, const std::string &call) {
  tilec::SourceManager sm;
  const tilec::SourceFile &file = sm.addBuffer("fuzz.py", text);
  try {
    tilec::frontend::KernelRequest request{call, "", {}};
    (void)tilec::frontend::buildKernel(file, request, sm);
  } catch (const tilec::CompileError &e) {
    (void)e.render();
  }
}

TEST(Robustness, EvaluatorOnRandomEditsOfAFactory) {
  std::string text = readInput("flash_attention_factory.py");
  ASSERT_FALSE(text.empty());
  const std::string alphabet = "()[]{}:,.=+-*/'\"\n #0123_abijkTx";
  std::mt19937 rng(99);
  for (int iteration = 0; iteration < 600; ++iteration) {
    std::string mutated = text;
    size_t at = rng() % mutated.size();
    switch (rng() % 3) {
    case 0: mutated[at] = alphabet[rng() % alphabet.size()]; break;
    case 1: mutated.erase(at, 1 + rng() % 6); break;
    default: mutated.insert(at, 1, alphabet[rng() % alphabet.size()]); break;
    }
    buildsCleanly(mutated, "flashattn(1, 2, 128, 64, True)");
  }
}

TEST(Robustness, EvaluatorOnHostileCalls) {
  std::string text = readInput("flash_attention_factory.py");
  for (const char *call : {"flashattn(1, 2, 128, 64, True, block_M=0)",
                           "flashattn(1, 2, 128, 64, True, block_M=-64)",
                           "flashattn(1, 2, 128, 64, True, threads=99999)",
                           "flashattn(1, 2, 2**62, 2**62, True)", "flashattn(*[1] * 100)",
                           "flashattn(**{'a': 1})", "flashattn('x', 2, 128, 64, True)",
                           "flashattn(1, 2, 128, 64.5, True)", "(-1) ** (10 ** 18)",
                           "[0] * 10 ** 9", "flashattn", "flashattn.x"})
    buildsCleanly(text, call);
}

} // namespace
