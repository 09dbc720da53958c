#include "frontend/AstPrinter.h"
#include "frontend/Parser.h"

#include <gtest/gtest.h>

TEST(Smoke, Parses) {
  tilec::SourceManager sm;
  auto &f = sm.addBuffer("t.py", "x = 1 + 2 * 3\n");
  auto m = tilec::parse(f);
  EXPECT_EQ(tilec::printAst(m), "assign x = (+ 1 (* 2 3))\n");
}
