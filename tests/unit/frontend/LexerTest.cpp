#include "FrontendTestUtil.h"

#include <gtest/gtest.h>

using tilec::testing::errorOf;
using tilec::testing::lexSummary;

namespace {

std::vector<tilec::Token> lex(const std::string &text, tilec::SourceManager &sm) {
  return tilec::Lexer(sm.addBuffer("t.py", text)).tokenize();
}

TEST(Lexer, SimpleLine) {
  EXPECT_EQ(lexSummary("x = a + 1\n"), "NAME(x) OP(=) NAME(a) OP(+) NUMBER(1) NEWLINE EOF");
}

TEST(Lexer, MissingFinalNewlineStillEndsTheLine) {
  EXPECT_EQ(lexSummary("pass"), "KW(pass) NEWLINE EOF");
  EXPECT_EQ(lexSummary(""), "EOF");
  EXPECT_EQ(lexSummary("\n\n# only a comment\n   \n"), "EOF");
}

TEST(Lexer, IndentAndDedent) {
  EXPECT_EQ(lexSummary("if a:\n    b\n    c\nd\n"),
            "KW(if) NAME(a) OP(:) NEWLINE INDENT NAME(b) NEWLINE NAME(c) NEWLINE DEDENT NAME(d) "
            "NEWLINE EOF");
}

TEST(Lexer, SeveralDedentsAtOnceAndAtEndOfFile) {
  EXPECT_EQ(lexSummary("a:\n  b:\n    c\nd\n  e"),
            "NAME(a) OP(:) NEWLINE INDENT NAME(b) OP(:) NEWLINE INDENT NAME(c) NEWLINE DEDENT "
            "DEDENT NAME(d) NEWLINE INDENT NAME(e) NEWLINE DEDENT EOF");
}

TEST(Lexer, BlankAndCommentLinesDoNotAffectIndentation) {
  EXPECT_EQ(lexSummary("a:\n    b\n\n  # comment at odd indent\n\t\n    c\n"),
            "NAME(a) OP(:) NEWLINE INDENT NAME(b) NEWLINE NAME(c) NEWLINE DEDENT EOF");
}

TEST(Lexer, TabsCountToMultiplesOfEight) {
  // A tab and eight spaces are the same level under Python's rule, but mixing them is ambiguous.
  EXPECT_EQ(lexSummary("a:\n\tb\n\tc\n"),
            "NAME(a) OP(:) NEWLINE INDENT NAME(b) NEWLINE NAME(c) NEWLINE DEDENT EOF");
  EXPECT_EQ(errorOf("if a:\n\tb\n        c\n"),
            "3:9: inconsistent use of tabs and spaces in indentation");
}

TEST(Lexer, InconsistentDedentIsAnError) {
  EXPECT_EQ(errorOf("if a:\n    b\n  c\n"),
            "3:3: unindent does not match any outer indentation level");
}

TEST(Lexer, ImplicitLineJoiningInsideBrackets) {
  EXPECT_EQ(lexSummary("f(a,\n      b)[\n1]\n{\n}\n"),
            "NAME(f) OP(() NAME(a) OP(,) NAME(b) OP()) OP([) NUMBER(1) OP(]) NEWLINE OP({) "
            "OP(}) NEWLINE EOF");
}

TEST(Lexer, BackslashContinuation) {
  EXPECT_EQ(lexSummary("x = 1 + \\\n        2\ny\n"),
            "NAME(x) OP(=) NUMBER(1) OP(+) NUMBER(2) NEWLINE NAME(y) NEWLINE EOF");
  EXPECT_EQ(lexSummary("x = 1 + \\\r\n2\r\n"), "NAME(x) OP(=) NUMBER(1) OP(+) NUMBER(2) NEWLINE EOF");
}

TEST(Lexer, BackslashErrors) {
  EXPECT_EQ(errorOf("x = 1 \\ 2\n"), "1:7: unexpected character after line continuation character");
  EXPECT_EQ(errorOf("x = 1 \\"), "1:7: unexpected end of file after line continuation character");
}

TEST(Lexer, CommentsAreSkipped) {
  EXPECT_EQ(lexSummary("x = 1  # the answer\n# whole line\ny\n"),
            "NAME(x) OP(=) NUMBER(1) NEWLINE NAME(y) NEWLINE EOF");
}

TEST(Lexer, DirectiveComments) {
  tilec::SourceManager sm;
  tilec::Lexer lexer(sm.addBuffer("t.py", "# tilec: --call \"f(1, 2)\"  \nx = 1\n#tilec:-D M=4\n"
                                          "# not tilec: a directive\n"));
  lexer.tokenize();
  ASSERT_EQ(lexer.directiveComments().size(), 2u);
  EXPECT_EQ(lexer.directiveComments()[0].flags, "--call \"f(1, 2)\"");
  EXPECT_EQ(lexer.directiveComments()[0].loc.line, 1);
  EXPECT_EQ(lexer.directiveComments()[1].flags, "-D M=4");
  EXPECT_EQ(lexer.directiveComments()[1].loc.line, 3);
}

TEST(Lexer, Keywords) {
  EXPECT_EQ(lexSummary("not None is True and lambda_ or await"),
            "KW(not) KW(None) KW(is) KW(True) KW(and) NAME(lambda_) KW(or) KW(await) NEWLINE EOF");
}

TEST(Lexer, IdentifiersMayBeUnicode) {
  EXPECT_EQ(lexSummary("größe = 1"), "NAME(größe) OP(=) NUMBER(1) NEWLINE EOF");
}

TEST(Lexer, AllOperators) {
  EXPECT_EQ(lexSummary("** // @ -> := += -= *= /= //= %= **= >>= <<= &= |= ^= @= ..."),
            "OP(**) OP(//) OP(@) OP(->) OP(:=) OP(+=) OP(-=) OP(*=) OP(/=) OP(//=) OP(%=) "
            "OP(**=) OP(>>=) OP(<<=) OP(&=) OP(|=) OP(^=) OP(@=) OP(...) NEWLINE EOF");
  EXPECT_EQ(lexSummary("< > <= >= == != << >> ~ ^ | & % ; . , : ="),
            "OP(<) OP(>) OP(<=) OP(>=) OP(==) OP(!=) OP(<<) OP(>>) OP(~) OP(^) OP(|) OP(&) "
            "OP(%) OP(;) OP(.) OP(,) OP(:) OP(=) NEWLINE EOF");
}

TEST(Lexer, IntegerForms) {
  tilec::SourceManager sm;
  auto toks = lex("42 0 000 0x_Ff 0o17 0B101 1_000_000 9223372036854775807", sm);
  std::vector<int64_t> expected = {42, 0, 0, 255, 15, 5, 1000000, INT64_MAX};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(toks[i].numberKind, tilec::NumberKind::Int) << toks[i].text;
    EXPECT_EQ(toks[i].intValue, expected[i]) << toks[i].text;
  }
}

TEST(Lexer, FloatAndImaginaryForms) {
  tilec::SourceManager sm;
  auto toks = lex("1.5 1. .25 1e-3 2E+2 1_0.5_0 3e4 2j 1.5J", sm);
  std::vector<double> expected = {1.5, 1.0, 0.25, 1e-3, 200.0, 10.5, 3e4, 2.0, 1.5};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NE(toks[i].numberKind, tilec::NumberKind::Int) << toks[i].text;
    EXPECT_DOUBLE_EQ(toks[i].floatValue, expected[i]) << toks[i].text;
  }
  EXPECT_EQ(toks[7].numberKind, tilec::NumberKind::Imaginary);
  EXPECT_EQ(toks[0].numberKind, tilec::NumberKind::Float);
}

TEST(Lexer, NumberFollowedByAttributeOrEllipsis) {
  EXPECT_EQ(lexSummary("x[1:...]"), "NAME(x) OP([) NUMBER(1) OP(:) OP(...) OP(]) NEWLINE EOF");
}

TEST(Lexer, NumberErrors) {
  EXPECT_EQ(errorOf("x = 1__0\n"), "1:6: invalid decimal literal: '_' must separate digits");
  EXPECT_EQ(errorOf("x = 12abc\n"), "1:7: invalid decimal literal: unexpected 'a' after the digits");
  EXPECT_EQ(errorOf("x = 0x\n"), "1:7: invalid hexadecimal literal: expected a digit after '0x'");
  EXPECT_EQ(errorOf("x = 0b102\n"), "1:9: invalid binary literal: unexpected '2' after the digits");
  EXPECT_EQ(errorOf("x = 0777\n"),
            "1:5: leading zeros in decimal integer literals are not permitted; use an 0o prefix "
            "for octal integers");
  EXPECT_EQ(errorOf("x = 99999999999999999999\n"),
            "1:5: integer literal 99999999999999999999 does not fit in 64 bits");
}

TEST(Lexer, StringQuotesAndEscapes) {
  EXPECT_EQ(lexSummary(R"('a' "b" 'it\'s' "tab\there" '\x41\101\u00e9' "\q")"),
            "STR(a) STR(b) STR(it's) STR(tab\there) STR(AAé) STR(\\q) NEWLINE EOF");
}

TEST(Lexer, TripleQuotedStringsSpanLines) {
  tilec::SourceManager sm;
  auto toks = lex("x = \"\"\"one\n'two' \"\"\n three\"\"\"\ny = '''a\\\nb'''\n", sm);
  EXPECT_EQ(toks[2].text, "one\n'two' \"\"\n three");
  EXPECT_EQ(toks[2].loc.line, 1);
  EXPECT_EQ(toks[3].kind, tilec::TokenKind::Newline);
  EXPECT_EQ(toks[4].text, "y");
  EXPECT_EQ(toks[4].loc.line, 4); // line counting continues after a multi-line string
  EXPECT_EQ(toks[6].text, "ab");   // backslash-newline inside a string joins lines
}

TEST(Lexer, StringPrefixes) {
  tilec::SourceManager sm;
  auto toks = lex(R"(r'\n' R"\d" b'\x41' Rb'\x' bR'x' u'\t' f'{x}' F"a" fR'\n{y}' Rf'{z}')", sm);
  EXPECT_EQ(toks[0].text, "\\n");
  EXPECT_TRUE(toks[0].isRaw);
  EXPECT_EQ(toks[1].text, "\\d");
  EXPECT_EQ(toks[2].text, "A");
  EXPECT_TRUE(toks[2].isBytes);
  EXPECT_EQ(toks[3].text, "\\x");
  EXPECT_TRUE(toks[3].isBytes && toks[3].isRaw);
  EXPECT_TRUE(toks[4].isBytes && toks[4].isRaw);
  EXPECT_EQ(toks[5].text, "\t");
  for (int i = 6; i < 10; ++i)
    EXPECT_TRUE(toks[i].isFString) << i;
  EXPECT_EQ(toks[6].text, "{x}"); // f-strings keep their raw body
  EXPECT_TRUE(toks[8].isRaw && toks[9].isRaw);
  // A prefix-like name not followed by a quote is just a name.
  EXPECT_EQ(lexSummary("rb + f"), "NAME(rb) OP(+) NAME(f) NEWLINE EOF");
}

TEST(Lexer, StringErrors) {
  EXPECT_EQ(errorOf("x = 'abc\ny = 1\n"), "1:5: unterminated string literal (detected at line 1)");
  EXPECT_EQ(errorOf("x = \"\"\"abc\n\ny = 1\n"),
            "1:5: unterminated triple-quoted string literal (detected at line 3)");
  EXPECT_EQ(errorOf("x = '\\x4'\n"),
            "1:5: invalid \\x escape in string literal: expected 2 hex digits");
  EXPECT_EQ(errorOf("x = b'é'\n"), "1:5: bytes can only contain ASCII literal characters");
}

TEST(Lexer, BracketErrors) {
  EXPECT_EQ(errorOf("x = (1,\n     2\n"), "1:5: '(' was never closed");
  EXPECT_EQ(errorOf("x = [1, 2)\n"),
            "1:10: closing parenthesis ')' does not match opening parenthesis '[' on line 1");
  EXPECT_EQ(errorOf("x = 1)\n"), "1:6: unmatched ')'");
}

TEST(Lexer, InvalidCharacters) {
  EXPECT_EQ(errorOf("x = $y\n"), "1:5: invalid character '$' in source");
  EXPECT_EQ(errorOf("x = a ! b\n"), "1:7: invalid syntax: '!' is only valid in '!='");
  EXPECT_EQ(errorOf(std::string("x = 1\0", 6)), "1:6: source code cannot contain null bytes");
}

TEST(Lexer, TokenLocations) {
  tilec::SourceManager sm;
  auto toks = lex("def f(x):\n    return x ** 2\n", sm);
  // def f ( x ) : NEWLINE INDENT return x ** 2
  EXPECT_EQ(toks[1].loc.line, 1);
  EXPECT_EQ(toks[1].loc.col, 5);
  EXPECT_EQ(toks[7].kind, tilec::TokenKind::Indent);
  EXPECT_EQ(toks[8].loc.line, 2);
  EXPECT_EQ(toks[8].loc.col, 5);
  EXPECT_EQ(toks[10].text, "**");
  EXPECT_EQ(toks[10].loc.col, 14);
}

TEST(Lexer, CarriageReturnLineEndings) {
  EXPECT_EQ(lexSummary("if a:\r\n    b\r\nc\r\n"),
            "KW(if) NAME(a) OP(:) NEWLINE INDENT NAME(b) NEWLINE DEDENT NAME(c) NEWLINE EOF");
}

TEST(Lexer, TooManyNestedBrackets) {
  EXPECT_EQ(errorOf("x = " + std::string(300, '(')),
            "1:205: too many nested parentheses (the limit is 200)");
}

} // namespace
