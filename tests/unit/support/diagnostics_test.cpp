#include "support/Diagnostics.h"

#include <gtest/gtest.h>

using namespace tilec;

TEST(Diagnostics, RendersFileLineColumnSourceAndCaret) {
  SourceManager sm;
  const SourceFile &f = sm.addBuffer("k.py", "x = 1\n    y = T.bogus(2)\n");
  std::string text = renderDiagnostic({&f, 2, 9}, "error", "unknown op 'T.bogus'");
  EXPECT_EQ(text, "k.py:2:9: error: unknown op 'T.bogus'\n"
                  "    y = T.bogus(2)\n"
                  "        ^\n");
}

TEST(Diagnostics, CaretKeepsTabs) {
  SourceManager sm;
  const SourceFile &f = sm.addBuffer("t.py", "\tz = q\n");
  EXPECT_EQ(renderDiagnostic({&f, 1, 6}, "error", "m"), "t.py:1:6: error: m\n\tz = q\n\t    ^\n");
}

TEST(Diagnostics, NoLocationStillSaysError) {
  EXPECT_EQ(renderDiagnostic({}, "error", "cannot read file 'x'"), "tilec: error: cannot read file 'x'\n");
}

TEST(Diagnostics, LineTextHandlesCrLfAndMissingFinalNewline) {
  SourceFile f("a.py", "one\r\ntwo");
  EXPECT_EQ(f.lineCount(), 2);
  EXPECT_EQ(f.lineText(1), "one");
  EXPECT_EQ(f.lineText(2), "two");
  EXPECT_EQ(f.lineText(3), "");
}

TEST(Diagnostics, CompileErrorCarriesLocation) {
  SourceManager sm;
  const SourceFile &f = sm.addBuffer("c.py", "abc\n");
  try {
    fail({&f, 1, 2}, "bad");
    FAIL() << "fail() must throw";
  } catch (const CompileError &e) {
    EXPECT_EQ(e.loc().col, 2);
    EXPECT_EQ(e.render(), "c.py:1:2: error: bad\nabc\n ^\n");
  }
}
