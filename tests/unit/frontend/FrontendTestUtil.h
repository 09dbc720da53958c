// Helpers shared by the front-end unit tests.
#pragma once

#include "frontend/AstPrinter.h"
#include "frontend/Lexer.h"
#include "frontend/Parser.h"

#include <fstream>
#include <sstream>
#include <string>

namespace tilec::testing {

// Tokens as `NAME(x) OP(=) NUMBER(1) NEWLINE EOF`; strings show their decoded text.
inline std::string lexSummary(const std::string &text) {
  SourceManager sm;
  const SourceFile &file = sm.addBuffer("test.py", text);
  std::string out;
  for (const Token &tok : Lexer(file).tokenize()) {
    if (!out.empty())
      out += " ";
    switch (tok.kind) {
    case TokenKind::EndOfFile: out += "EOF"; break;
    case TokenKind::Newline: out += "NEWLINE"; break;
    case TokenKind::Indent: out += "INDENT"; break;
    case TokenKind::Dedent: out += "DEDENT"; break;
    case TokenKind::Name: out += "NAME(" + tok.text + ")"; break;
    case TokenKind::Keyword: out += "KW(" + tok.text + ")"; break;
    case TokenKind::Number: out += "NUMBER(" + tok.text + ")"; break;
    case TokenKind::String: out += (tok.isFString ? "FSTR(" : "STR(") + tok.text + ")"; break;
    case TokenKind::Op: out += "OP(" + tok.text + ")"; break;
    }
  }
  return out;
}

// The printed AST of `text`, or "LINE:COL: message" when it does not parse.
inline std::string parseSummary(const std::string &text) {
  SourceManager sm;
  const SourceFile &file = sm.addBuffer("test.py", text);
  try {
    return printAst(parse(file));
  } catch (const CompileError &e) {
    return std::to_string(e.loc().line) + ":" + std::to_string(e.loc().col) + ": " + e.message();
  }
}

// The printed expression of `text` (one expression), or "LINE:COL: message".
inline std::string exprSummary(const std::string &text) {
  SourceManager sm;
  const SourceFile &file = sm.addBuffer("expr", text);
  try {
    return printExpr(*parseExpression(file));
  } catch (const CompileError &e) {
    return std::to_string(e.loc().line) + ":" + std::to_string(e.loc().col) + ": " + e.message();
  }
}

// "LINE:COL: message" of the error `text` raises, or "no error".
inline std::string errorOf(const std::string &text) {
  SourceManager sm;
  const SourceFile &file = sm.addBuffer("test.py", text);
  try {
    parse(file);
    return "no error";
  } catch (const CompileError &e) {
    return std::to_string(e.loc().line) + ":" + std::to_string(e.loc().col) + ": " + e.message();
  }
}

inline std::string readInput(const std::string &name) {
  std::ifstream in(std::string(TILEC_SOURCE_DIR) + "/tests/lit/parse/Inputs/" + name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace tilec::testing
