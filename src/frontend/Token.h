// Tokens of the Python subset tilec reads.
//
// The lexer turns a file into a flat vector of these; layout (NEWLINE, INDENT, DEDENT) is already
// resolved, so the parser never looks at whitespace.
#pragma once

#include "support/Diagnostics.h"

#include <cstdint>
#include <string>

namespace tilec {

enum class TokenKind {
  EndOfFile,
  Newline, // end of a logical line
  Indent,  // the next line is indented deeper than the enclosing block
  Dedent,  // one block closes
  Name,    // identifier that is not a keyword
  Keyword, // `def`, `if`, `None`, `True`, ... (the full Python keyword list)
  Number,
  String,
  Op, // operators and delimiters: `+`, `**=`, `(`, `->`, `...`
};

enum class NumberKind { Int, Float, Imaginary };

struct Token {
  TokenKind kind = TokenKind::EndOfFile;
  // Source spelling for names, keywords, operators and numbers. For strings: the decoded value,
  // except for f-strings, which keep their undecoded body (the text between the quotes).
  std::string text;
  SourceLoc loc;
  size_t offset = 0; // byte offset of the token's first character in the file

  // Numbers.
  NumberKind numberKind = NumberKind::Int;
  int64_t intValue = 0;
  double floatValue = 0.0; // also the magnitude of an imaginary literal

  // Strings.
  bool isBytes = false;
  bool isRaw = false;
  bool isFString = false;
  // Where the body (between the quotes) sits in the file, so f-string fields can be re-lexed in
  // place and keep exact locations.
  size_t bodyBegin = 0;
  size_t bodyEnd = 0;

  bool is(TokenKind k) const { return kind == k; }
  bool isOp(std::string_view op) const { return kind == TokenKind::Op && text == op; }
  bool isKeyword(std::string_view kw) const { return kind == TokenKind::Keyword && text == kw; }
};

// How a token reads in a diagnostic: `'foo'`, `newline`, `end of file`, `string literal`.
std::string describeToken(const Token &tok);

} // namespace tilec
