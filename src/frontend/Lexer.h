// Python lexer: source text → tokens with NEWLINE/INDENT/DEDENT already resolved.
//
// Follows Python's lexical rules: an indentation stack (tabs to multiples of 8, and a tab-size-1
// cross-check that rejects ambiguous tab/space mixes), implicit line joining inside brackets,
// backslash continuation, every number and string literal form. Errors are CompileErrors located at
// the offending character.
#pragma once

#include "frontend/Token.h"

#include <string>
#include <utility>
#include <vector>

namespace tilec {

// A `# tilec: <flags>` comment: the driver reads default command-line flags from it.
struct DirectiveComment {
  SourceLoc loc; // where the `#` is
  std::string flags;
};

class Lexer {
public:
  explicit Lexer(const SourceFile &file);

  // A lexer for one expression inside file bytes [begin, end), e.g. an f-string replacement field.
  // It behaves as if inside brackets: newlines are insignificant and no layout tokens are made.
  static Lexer forExpression(const SourceFile &file, size_t begin, size_t end);

  // Lexes everything; the last token is EndOfFile. Throws CompileError on malformed input.
  std::vector<Token> tokenize();

  const std::vector<DirectiveComment> &directiveComments() const { return directives_; }

private:
  struct IndentLevel {
    int width;        // tabs advance to the next multiple of 8 (Python's rule)
    int widthTabIs1;  // the same indentation with tabs counted as 1: detects ambiguous mixes
  };
  struct OpenBracket {
    char ch;
    SourceLoc loc;
  };

  Lexer(const SourceFile &file, size_t begin, size_t end, bool expressionMode);

  // Scanning state.
  char peekChar(size_t ahead = 0) const { return pos_ + ahead < end_ ? text_[pos_ + ahead] : '\0'; }
  bool atEnd() const { return pos_ >= end_; }
  SourceLoc locAt(size_t pos) const;
  SourceLoc here() const { return locAt(pos_); }
  void newLineStartsAt(size_t pos);

  // Layout.
  void handleIndentation();
  void applyIndentation(const IndentLevel &level, SourceLoc loc);
  void handleNewline();
  void handleContinuation();
  void finish();

  // Tokens.
  void lexComment();
  void lexToken();
  void lexName();
  void lexNumber();
  void lexString(size_t tokenStart, std::string_view prefix);
  void lexOperator();
  void push(TokenKind kind, std::string text, size_t begin); // begin: offset on the current line

  // Number helpers.
  void readDigits(bool (*isDigit)(char), const char *literalKind);

  const SourceFile &file_;
  const std::string &text_;
  size_t pos_;
  size_t end_;
  bool expressionMode_;
  int line_ = 1;
  size_t lineStart_ = 0;

  bool atLineStart_ = true;
  bool lineHasTokens_ = false;
  std::vector<IndentLevel> indents_{{0, 0}};
  std::vector<OpenBracket> brackets_;
  std::vector<Token> tokens_;
  std::vector<DirectiveComment> directives_;
};

// Decodes the backslash escapes of a (non-raw) string body. `loc` locates errors.
std::string decodeStringEscapes(std::string_view body, bool isBytes, SourceLoc loc);

} // namespace tilec
