#include "frontend/Lexer.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <limits>

namespace tilec {

namespace {

// Python limits these too; the limits also bound the parser's recursion on hostile input.
constexpr size_t kMaxIndentLevels = 100;
constexpr size_t kMaxBracketDepth = 200;

constexpr std::array<std::string_view, 35> kKeywords = {
    "False", "None",   "True",    "and",      "as",     "assert", "async", "await",
    "break", "class",  "continue", "def",     "del",    "elif",   "else",  "except",
    "finally", "for",  "from",    "global",   "if",     "import", "in",    "is",
    "lambda", "nonlocal", "not",  "or",       "pass",   "raise",  "return", "try",
    "while", "with",   "yield"};

// Longest first, so the first match is the longest.
constexpr std::array<std::string_view, 47> kOperators = {
    "**=", "//=", ">>=", "<<=", "...", "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", ":=",
    "+=",  "-=",  "*=",  "/=",  "%=",  "&=", "|=", "^=", "@=", "+",  "-",  "*",  "/",  "%",  "@",
    "&",   "|",   "^",   "~",   "<",   ">",  "(",  ")",  "[",  "]",  "{",  "}",  ",",  ":",  ".",
    ";",   "="};

bool isDecDigit(char c) { return c >= '0' && c <= '9'; }
bool isHexDigit(char c) {
  return isDecDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isOctDigit(char c) { return c >= '0' && c <= '7'; }
bool isBinDigit(char c) { return c == '0' || c == '1'; }
// Bytes >= 0x80 are parts of UTF-8 sequences: Python allows non-ASCII identifiers.
bool isNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool isNameChar(char c) { return isNameStart(c) || isDecDigit(c); }

bool isKeyword(std::string_view word) {
  return std::find(kKeywords.begin(), kKeywords.end(), word) != kKeywords.end();
}

char closerOf(char open) { return open == '(' ? ')' : open == '[' ? ']' : '}'; }

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char &c : out)
    c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

bool isStringPrefix(std::string_view word) {
  static constexpr std::array<std::string_view, 8> prefixes = {"r", "u", "b", "f",
                                                               "br", "rb", "fr", "rf"};
  std::string lower = lowercase(word);
  return std::find(prefixes.begin(), prefixes.end(), lower) != prefixes.end();
}

std::string printableChar(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f)
    return std::string("'") + c + "'";
  static const char *hex = "0123456789abcdef";
  return std::string("'\\x") + hex[u >> 4] + hex[u & 15] + "'";
}

void appendUtf8(std::string &out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hexValue(char c) {
  if (isDecDigit(c))
    return c - '0';
  return (c | 0x20) - 'a' + 10;
}

// Reads exactly `count` hex digits at body[i...]; fails with a message naming the escape.
uint32_t readHexEscape(std::string_view body, size_t i, size_t count, char escape, SourceLoc loc) {
  uint32_t value = 0;
  for (size_t k = 0; k < count; ++k) {
    if (i + k >= body.size() || !isHexDigit(body[i + k]))
      fail(loc, std::string("invalid \\") + escape + " escape in string literal: expected " +
                    std::to_string(count) + " hex digits");
    value = value * 16 + static_cast<uint32_t>(hexValue(body[i + k]));
  }
  return value;
}

} // namespace

std::string describeToken(const Token &tok) {
  switch (tok.kind) {
  case TokenKind::EndOfFile:
    return "end of file";
  case TokenKind::Newline:
    return "end of line";
  case TokenKind::Indent:
    return "indent";
  case TokenKind::Dedent:
    return "dedent";
  case TokenKind::Number:
    return "number '" + tok.text + "'";
  case TokenKind::String:
    return tok.isFString ? "f-string literal" : tok.isBytes ? "bytes literal" : "string literal";
  case TokenKind::Name:
  case TokenKind::Keyword:
  case TokenKind::Op:
    return "'" + tok.text + "'";
  }
  return "token";
}

std::string decodeStringEscapes(std::string_view body, bool isBytes, SourceLoc loc) {
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      continue;
    }
    char e = body[++i];
    switch (e) {
    case '\n': // backslash-newline inside a string joins the lines
      break;
    case '\r':
      if (i + 1 < body.size() && body[i + 1] == '\n')
        ++i;
      break;
    case '\\': out += '\\'; break;
    case '\'': out += '\''; break;
    case '"': out += '"'; break;
    case 'a': out += '\a'; break;
    case 'b': out += '\b'; break;
    case 'f': out += '\f'; break;
    case 'n': out += '\n'; break;
    case 'r': out += '\r'; break;
    case 't': out += '\t'; break;
    case 'v': out += '\v'; break;
    case 'x':
      out += static_cast<char>(readHexEscape(body, i + 1, 2, 'x', loc));
      i += 2;
      break;
    case 'u':
    case 'U': {
      if (isBytes) { // not an escape in bytes: kept verbatim
        out += '\\';
        out += e;
        break;
      }
      size_t count = e == 'u' ? 4 : 8;
      uint32_t cp = readHexEscape(body, i + 1, count, e, loc);
      if (cp > 0x10FFFF)
        fail(loc, "invalid \\U escape in string literal: code point out of range");
      appendUtf8(out, cp);
      i += count;
      break;
    }
    default:
      if (isOctDigit(e)) { // up to three octal digits
        uint32_t value = 0;
        size_t k = 0;
        for (; k < 3 && i + k < body.size() && isOctDigit(body[i + k]); ++k)
          value = value * 8 + static_cast<uint32_t>(body[i + k] - '0');
        i += k - 1;
        if (isBytes || value < 0x80)
          out += static_cast<char>(value & 0xFF);
        else
          appendUtf8(out, value);
      } else { // unknown escapes (and \N{...}) stay as written, as Python does
        out += '\\';
        out += e;
      }
    }
  }
  return out;
}

Lexer::Lexer(const SourceFile &file) : Lexer(file, 0, file.text().size(), false) {}

Lexer::Lexer(const SourceFile &file, size_t begin, size_t end, bool expressionMode)
    : file_(file), text_(file.text()), pos_(begin), end_(std::min(end, file.text().size())),
      expressionMode_(expressionMode) {
  // Line bookkeeping for a lexer that starts mid-file.
  for (size_t i = 0; i < begin && i < text_.size(); ++i)
    if (text_[i] == '\n')
      newLineStartsAt(i + 1);
  atLineStart_ = !expressionMode;
}

Lexer Lexer::forExpression(const SourceFile &file, size_t begin, size_t end) {
  return Lexer(file, begin, end, true);
}

SourceLoc Lexer::locAt(size_t pos) const {
  return SourceLoc{&file_, line_, static_cast<int>(pos - lineStart_) + 1};
}

void Lexer::newLineStartsAt(size_t pos) {
  ++line_;
  lineStart_ = pos;
}

void Lexer::push(TokenKind kind, std::string text, size_t begin) {
  Token tok;
  tok.kind = kind;
  tok.text = std::move(text);
  tok.loc = locAt(begin);
  tok.offset = begin;
  tokens_.push_back(std::move(tok));
}

std::vector<Token> Lexer::tokenize() {
  if (pos_ == 0 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) // UTF-8 byte order mark
    pos_ = 3, lineStart_ = 3;
  while (!atEnd()) {
    if (atLineStart_) {
      atLineStart_ = false;
      handleIndentation();
      continue;
    }
    char c = peekChar();
    if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
      ++pos_;
    } else if (c == '\0') {
      fail(here(), "source code cannot contain null bytes");
    } else if (c == '#') {
      lexComment();
    } else if (c == '\\') {
      handleContinuation();
    } else if (c == '\n') {
      handleNewline();
    } else {
      lexToken();
      lineHasTokens_ = true;
    }
  }
  finish();
  return std::move(tokens_);
}

// At the start of a physical line outside brackets: measure the indentation and, unless the line
// is blank or only a comment, open or close blocks.
void Lexer::handleIndentation() {
  IndentLevel level{0, 0};
  while (!atEnd()) {
    char c = peekChar();
    if (c == ' ') {
      ++level.width, ++level.widthTabIs1;
    } else if (c == '\t') {
      level.width = (level.width / 8 + 1) * 8;
      ++level.widthTabIs1;
    } else if (c == '\f') { // Python resets the column at a form feed
      level = {0, 0};
    } else {
      break;
    }
    ++pos_;
  }
  char c = peekChar();
  bool blank = atEnd() || c == '\n' || c == '#' || (c == '\r' && peekChar(1) == '\n') ||
               (c == '\\' && (peekChar(1) == '\n' || peekChar(1) == '\r'));
  if (!blank)
    applyIndentation(level, here());
}

void Lexer::applyIndentation(const IndentLevel &level, SourceLoc loc) {
  auto inconsistent = [&] { fail(loc, "inconsistent use of tabs and spaces in indentation"); };
  const IndentLevel &top = indents_.back();
  if (level.width == top.width) {
    if (level.widthTabIs1 != top.widthTabIs1)
      inconsistent();
    return;
  }
  if (level.width > top.width) {
    if (level.widthTabIs1 <= top.widthTabIs1)
      inconsistent();
    if (indents_.size() > kMaxIndentLevels)
      fail(loc, "too many levels of indentation (the limit is " +
                    std::to_string(kMaxIndentLevels) + ")");
    indents_.push_back(level);
    push(TokenKind::Indent, "", pos_);
    return;
  }
  while (indents_.size() > 1 && level.width < indents_.back().width) {
    indents_.pop_back();
    push(TokenKind::Dedent, "", pos_);
  }
  if (level.width != indents_.back().width)
    fail(loc, "unindent does not match any outer indentation level");
  if (level.widthTabIs1 != indents_.back().widthTabIs1)
    inconsistent();
}

void Lexer::handleNewline() {
  // A newline ends a logical line only outside brackets and only after some token.
  if (brackets_.empty() && !expressionMode_ && lineHasTokens_) {
    push(TokenKind::Newline, "", pos_);
    lineHasTokens_ = false;
  }
  ++pos_;
  newLineStartsAt(pos_);
  atLineStart_ = brackets_.empty() && !expressionMode_;
}

void Lexer::handleContinuation() {
  SourceLoc loc = here();
  ++pos_;
  if (peekChar() == '\r')
    ++pos_;
  if (atEnd())
    fail(loc, "unexpected end of file after line continuation character");
  if (peekChar() != '\n')
    fail(loc, "unexpected character after line continuation character");
  ++pos_;
  newLineStartsAt(pos_); // the next physical line continues this logical line: no indentation
}

void Lexer::finish() {
  if (!brackets_.empty()) {
    const OpenBracket &open = brackets_.back();
    fail(open.loc, std::string("'") + open.ch + "' was never closed");
  }
  if (!expressionMode_ && lineHasTokens_)
    push(TokenKind::Newline, "", pos_);
  // Errors "found end of file" point at the end of the last line, not past it.
  size_t endPos = pos_;
  if (!expressionMode_ && pos_ > 0 && pos_ == lineStart_ && text_[pos_ - 1] == '\n') {
    endPos = pos_ - 1;
    --line_;
    size_t prevNewline = endPos == 0 ? std::string::npos : text_.rfind('\n', endPos - 1);
    lineStart_ = prevNewline == std::string::npos ? 0 : prevNewline + 1;
  }
  if (!expressionMode_) {
    for (size_t i = 1; i < indents_.size(); ++i)
      push(TokenKind::Dedent, "", endPos);
    indents_.resize(1);
  }
  push(TokenKind::EndOfFile, "", endPos);
}

void Lexer::lexComment() {
  SourceLoc loc = here();
  size_t begin = pos_ + 1;
  while (!atEnd() && peekChar() != '\n')
    ++pos_;
  std::string_view body(text_.data() + begin, pos_ - begin);
  while (!body.empty() && (body.back() == '\r' || body.back() == ' ' || body.back() == '\t'))
    body.remove_suffix(1);
  size_t first = body.find_first_not_of(" \t");
  if (first == std::string_view::npos)
    return;
  body.remove_prefix(first);
  constexpr std::string_view marker = "tilec:";
  if (body.substr(0, marker.size()) != marker)
    return;
  body.remove_prefix(marker.size());
  size_t flagsBegin = body.find_first_not_of(" \t");
  directives_.push_back(
      {loc, flagsBegin == std::string_view::npos ? "" : std::string(body.substr(flagsBegin))});
}

void Lexer::lexToken() {
  char c = peekChar();
  if (isNameStart(c))
    return lexName();
  if (isDecDigit(c) || (c == '.' && isDecDigit(peekChar(1))))
    return lexNumber();
  if (c == '\'' || c == '"')
    return lexString(pos_, "");
  lexOperator();
}

void Lexer::lexName() {
  size_t begin = pos_;
  while (!atEnd() && isNameChar(peekChar()))
    ++pos_;
  std::string_view word(text_.data() + begin, pos_ - begin);
  if ((peekChar() == '\'' || peekChar() == '"') && isStringPrefix(word))
    return lexString(begin, word);
  push(isKeyword(word) ? TokenKind::Keyword : TokenKind::Name, std::string(word), begin);
}

// Digits of one kind with single underscores between them (`1_000`, `0x_ff`).
void Lexer::readDigits(bool (*isDigit)(char), const char *literalKind) {
  while (!atEnd()) {
    char c = peekChar();
    if (isDigit(c)) {
      ++pos_;
    } else if (c == '_' && isDigit(peekChar(1))) {
      pos_ += 1;
    } else if (c == '_') {
      fail(here(), std::string("invalid ") + literalKind + " literal: '_' must separate digits");
    } else {
      break;
    }
  }
}

void Lexer::lexNumber() {
  size_t begin = pos_;
  SourceLoc loc = here();
  Token tok;
  tok.kind = TokenKind::Number;
  tok.loc = loc;
  tok.offset = begin;
  const char *literalKind = "decimal";
  int base = 10;
  char c1 = static_cast<char>(peekChar(1) | 0x20);
  if (peekChar() == '0' && (c1 == 'x' || c1 == 'o' || c1 == 'b')) {
    base = c1 == 'x' ? 16 : c1 == 'o' ? 8 : 2;
    literalKind = c1 == 'x' ? "hexadecimal" : c1 == 'o' ? "octal" : "binary";
    auto digitTest = c1 == 'x' ? isHexDigit : c1 == 'o' ? isOctDigit : isBinDigit;
    pos_ += 2;
    if (peekChar() == '_')
      ++pos_;
    size_t digitsBegin = pos_;
    readDigits(digitTest, literalKind);
    if (pos_ == digitsBegin)
      fail(here(), std::string("invalid ") + literalKind + " literal: expected a digit after '" +
                       text_.substr(begin, 2) + "'");
  } else {
    readDigits(isDecDigit, literalKind);
    bool isFloat = false;
    if (peekChar() == '.' && !(peekChar(1) == '.' && peekChar(2) == '.')) {
      ++pos_;
      isFloat = true;
      if (isDecDigit(peekChar()))
        readDigits(isDecDigit, literalKind);
    }
    char e = peekChar();
    if ((e == 'e' || e == 'E') &&
        (isDecDigit(peekChar(1)) ||
         ((peekChar(1) == '+' || peekChar(1) == '-') && isDecDigit(peekChar(2))))) {
      pos_ += isDecDigit(peekChar(1)) ? 1 : 2;
      readDigits(isDecDigit, literalKind);
      isFloat = true;
    }
    if (peekChar() == 'j' || peekChar() == 'J') {
      ++pos_;
      tok.numberKind = NumberKind::Imaginary;
    } else if (isFloat) {
      tok.numberKind = NumberKind::Float;
    }
  }
  if (isNameChar(peekChar()))
    fail(here(), std::string("invalid ") + literalKind + " literal: unexpected " +
                     printableChar(peekChar()) + " after the digits");

  tok.text = text_.substr(begin, pos_ - begin);
  std::string digits;
  for (char c : tok.text)
    if (c != '_')
      digits += c;
  if (tok.numberKind != NumberKind::Int) {
    if (digits.back() == 'j' || digits.back() == 'J')
      digits.pop_back();
    tok.floatValue = std::strtod(digits.c_str(), nullptr); // overflow gives inf, as in Python
    tokens_.push_back(std::move(tok));
    return;
  }
  if (base == 10 && digits.size() > 1 && digits[0] == '0' &&
      digits.find_first_not_of('0') != std::string::npos)
    fail(loc, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for "
              "octal integers");
  errno = 0;
  const char *start = digits.c_str() + (base == 10 ? 0 : 2);
  unsigned long long value = std::strtoull(start, nullptr, base);
  if (errno == ERANGE || value > static_cast<unsigned long long>(
                                     std::numeric_limits<int64_t>::max()))
    fail(loc, "integer literal " + tok.text + " does not fit in 64 bits");
  tok.intValue = static_cast<int64_t>(value);
  tokens_.push_back(std::move(tok));
}

void Lexer::lexString(size_t tokenStart, std::string_view prefix) {
  SourceLoc loc = locAt(tokenStart);
  std::string lowerPrefix = lowercase(prefix);
  Token tok;
  tok.kind = TokenKind::String;
  tok.loc = loc;
  tok.offset = tokenStart;
  tok.isBytes = lowerPrefix.find('b') != std::string::npos;
  tok.isRaw = lowerPrefix.find('r') != std::string::npos;
  tok.isFString = lowerPrefix.find('f') != std::string::npos;

  char quote = peekChar();
  bool triple = peekChar(1) == quote && peekChar(2) == quote;
  pos_ += triple ? 3 : 1;
  size_t bodyBegin = pos_;
  while (true) {
    if (atEnd()) {
      // Python names the line of the file's last character.
      int lastLine = line_ - (pos_ > lineStart_ || line_ == 1 ? 0 : 1);
      fail(loc, std::string(triple ? "unterminated triple-quoted string literal"
                                   : "unterminated string literal") +
                    " (detected at line " + std::to_string(lastLine) + ")");
    }
    char c = peekChar();
    if (c == '\\' && pos_ + 1 < end_) {
      pos_ += 2;
      if (text_[pos_ - 1] == '\n')
        newLineStartsAt(pos_);
      continue;
    }
    if (c == '\n') {
      if (!triple)
        fail(loc, "unterminated string literal (detected at line " + std::to_string(line_) + ")");
      ++pos_;
      newLineStartsAt(pos_);
      continue;
    }
    if (c == quote && (!triple || (peekChar(1) == quote && peekChar(2) == quote)))
      break;
    ++pos_;
  }
  tok.bodyBegin = bodyBegin;
  tok.bodyEnd = pos_;
  pos_ += triple ? 3 : 1;

  std::string_view body(text_.data() + bodyBegin, tok.bodyEnd - bodyBegin);
  if (tok.isFString || tok.isRaw)
    tok.text = std::string(body); // f-strings are split into fields by the parser
  else
    tok.text = decodeStringEscapes(body, tok.isBytes, loc);
  if (tok.isBytes)
    for (char c : body)
      if (static_cast<unsigned char>(c) >= 0x80)
        fail(loc, "bytes can only contain ASCII literal characters");
  tokens_.push_back(std::move(tok));
}

void Lexer::lexOperator() {
  SourceLoc loc = here();
  std::string_view rest(text_.data() + pos_, end_ - pos_);
  for (std::string_view op : kOperators) {
    if (op[0] != rest[0] || rest.substr(0, op.size()) != op)
      continue;
    pos_ += op.size();
    char c = op[0];
    if (op.size() == 1 && (c == '(' || c == '[' || c == '{')) {
      if (brackets_.size() >= kMaxBracketDepth)
        fail(loc, "too many nested parentheses (the limit is " +
                      std::to_string(kMaxBracketDepth) + ")");
      brackets_.push_back({c, loc});
    } else if (op.size() == 1 && (c == ')' || c == ']' || c == '}')) {
      if (brackets_.empty())
        fail(loc, std::string("unmatched '") + c + "'");
      char open = brackets_.back().ch;
      if (closerOf(open) != c)
        fail(loc, std::string("closing parenthesis '") + c +
                      "' does not match opening parenthesis '" + open + "' on line " +
                      std::to_string(brackets_.back().loc.line));
      brackets_.pop_back();
    }
    push(TokenKind::Op, std::string(op), pos_ - op.size());
    return;
  }
  char c = peekChar();
  if (c == '!')
    fail(loc, "invalid syntax: '!' is only valid in '!='");
  fail(loc, "invalid character " + printableChar(c) + " in source");
}

} // namespace tilec
