// Syntax errors: the message says what was expected and what was found, at the offending token.
#include "FrontendTestUtil.h"

#include <gtest/gtest.h>

using tilec::testing::errorOf;

namespace {

struct ErrorCase {
  const char *source;
  const char *expected; // "LINE:COL: message"
};

class ParseError : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ParseError, MessageAndLocation) {
  EXPECT_EQ(errorOf(GetParam().source), GetParam().expected) << GetParam().source;
}

const ErrorCase kCases[] = {
    // Blocks and layout.
    {"def f(x)\n    return x\n", "1:9: expected ':' after function definition, found end of line"},
    {"def f(x):\nreturn x\n", "2:1: expected an indented block after function definition on line 1"},
    {"for i in T.Parallel(32):\n\nx = 1\n",
     "3:1: expected an indented block after 'for' statement on line 1"},
    {"if a:\n    pass\nelif b:\n", "3:8: expected an indented block after 'elif' statement on line 3"},
    {"  x = 1\n", "1:3: unexpected indent"},
    {"if x:\n    a\n      b\n", "3:7: unexpected indent"},
    {"with T.Kernel(4) as (bx, by)\n    pass\n",
     "1:29: expected ':' after 'with' statement, found end of line"},
    {"else:\n  pass\n", "1:1: 'else' does not follow a statement it can belong to"},
    {"try:\n  pass\nx = 1\n", "3:1: expected 'except' or 'finally' block, found 'x'"},
    {"try:\n  pass\nexcept:\n  pass\nexcept E:\n  pass\n", "3:1: default 'except:' must be last"},
    {"@T.prim_func\nx = 1\n", "2:1: expected 'def' or 'class' after decorator, found 'x'"},
    // Expressions.
    {"x = 1 +\n", "1:8: expected expression, found end of line"},
    {"x = 1 2\n", "1:7: expected end of line, found number '2'"},
    {"x = y if z\n", "1:11: expected 'else' in conditional expression, found end of line"},
    {"A[]\n", "1:3: expected index or slice, found ']'"},
    {"x = {1: 2, 3}\n", "1:13: expected ':' between dict key and value, found '}'"},
    {"x = lambda x: pass\n", "1:15: expected expression, found 'pass'"},
    {"T.copy(A[0:32, k*32:(k+1)*32] B)\n",
     "1:31: expected ',' or ')' after argument (missing comma?), found 'B'"},
    {"print \"hello\"\n", "1:7: expected end of line, found string literal"},
    {"x = a.\n", "1:7: expected attribute name after '.', found end of line"},
    {"x = a.1\n", "1:6: expected end of line, found number '.1'"},
    // Calls.
    {"f(a=1, 2)\n", "1:8: positional argument follows keyword argument"},
    {"f(**k, a)\n", "1:8: positional argument follows keyword argument unpacking"},
    {"f(a + 1 = 2)\n", "1:3: expression cannot contain assignment, perhaps you meant \"==\"?"},
    {"f(x=1, x=2)\n", "1:8: keyword argument repeated: x"},
    {"f(x for x in y, 1)\n", "1:3: generator expression must be parenthesized"},
    // Assignment targets.
    {"1 = x\n", "1:1: cannot assign to literal"},
    {"None = x\n", "1:1: cannot assign to None"},
    {"f() = 3\n", "1:1: cannot assign to function call; maybe you meant '==' instead of '='?"},
    {"a + b += 1\n", "1:1: 'expression' is an illegal target for augmented assignment"},
    {"a, b: int = 1, 2\n", "1:1: only a single target (not a tuple) can be annotated"},
    {"for 1 in x: pass\n", "1:5: cannot assign to literal"},
    {"for x y: pass\n", "1:7: expected 'in' after the 'for' target, found 'y'"},
    {"with open(f) as g(): pass\n", "1:17: cannot assign to function call; maybe you meant '==' "
                                    "instead of '='?"},
    {"del f()\n", "1:5: cannot delete function call; maybe you meant '==' instead of '='?"},
    {"(a + b) := 1\n", "1:9: expected end of line, found ':='"},
    {"if (a.b := 1): pass\n", "1:5: cannot use assignment expressions with expression"},
    // Parameters.
    {"def f(a=1, b): pass\n", "1:12: parameter without a default follows parameter with a default"},
    {"def f(a, a): pass\n", "1:10: duplicate argument 'a' in function definition"},
    {"def f(*, ): pass\n", "1:7: named arguments must follow bare '*'"},
    {"def f(**k, a): pass\n", "1:12: arguments cannot follow var-keyword argument"},
    {"def f(*a=1): pass\n", "1:9: var-positional argument cannot have default value"},
    {"def f(/, a): pass\n", "1:7: at least one argument must precede '/'"},
    {"def 3f(): pass\n", "1:6: invalid decimal literal: unexpected 'f' after the digits"},
    {"def (x): pass\n", "1:5: expected function name after 'def', found '('"},
    {"def f(x:): pass\n", "1:9: expected expression, found ')'"},
    // Imports.
    {"import a.\n", "1:10: expected name after '.', found end of line"},
    {"from x import\n", "1:14: expected name to import, found end of line"},
    {"from x import a,\n", "1:17: trailing comma not allowed without surrounding parentheses"},
    {"import\n", "1:7: expected module name, found end of line"},
    // Brackets and the lexer.
    {"x = [1, 2\ny = 3\n", "1:5: '[' was never closed"},
    {"class A(:\n pass\n", "1:8: '(' was never closed"},
    {"x = (1]\n", "1:7: closing parenthesis ']' does not match opening parenthesis '(' on line 1"},
    // f-strings report inside the string.
    {"print(f\"err {x:.3e\")\n", "1:19: f-string: expecting '}'"},
    {"print(f\"err {x y}\")\n", "1:16: expected end of expression, found 'y'"},
};

INSTANTIATE_TEST_SUITE_P(All, ParseError, ::testing::ValuesIn(kCases));

TEST(ParseErrorRender, CaretUnderTheColumn) {
  tilec::SourceManager sm;
  const tilec::SourceFile &file = sm.addBuffer("k.py", "def k():\n    x = (1 +\n        2 3)\n");
  try {
    tilec::parse(file);
    FAIL() << "expected a syntax error";
  } catch (const tilec::CompileError &e) {
    EXPECT_EQ(e.render(), "k.py:3:11: error: expected ')' to close the parenthesis, found number "
                          "'3'\n        2 3)\n          ^\n");
  }
}

} // namespace
