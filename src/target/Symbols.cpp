// Hygienic names: symbols in printed text, and the one place they become C identifiers.
#include "target/Symbols.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace tilec::target {

namespace {

bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool startsAt(const std::string &s, size_t i, const char *what) { return s.compare(i, std::strlen(what), what) == 0; }

std::string makeSymbol(uint64_t serial, const std::string &hint) {
  std::string h;
  for (char c : hint)
    h += identChar(c) ? c : '_';
  return fmt::format("@{{{}:{}}}", serial, h);
}

// One word of printed text: a maximal run of identifier characters and symbols.
struct Word {
  size_t begin = 0, end = 0;
  bool hasSymbol = false;
  std::string key;  // the run with each symbol as @serial@: what makes two words the same symbol
  std::string hint; // the run with each symbol as its hint
};

// Reads the word that starts at `i` (an identifier character or "@{").
Word readWord(const std::string &s, size_t i) {
  Word w;
  w.begin = i;
  while (i < s.size()) {
    if (startsAt(s, i, "@{")) {
      size_t colon = s.find(':', i), close = s.find('}', i);
      if (colon == std::string::npos || close == std::string::npos || colon > close)
        break; // not a symbol (cannot happen in printer output); leave the text alone
      w.hasSymbol = true;
      w.key += "@" + s.substr(i + 2, colon - i - 2) + "@";
      w.hint += s.substr(colon + 1, close - colon - 1);
      i = close + 1;
    } else if (identChar(s[i])) {
      w.key += s[i];
      w.hint += s[i];
      ++i;
    } else {
      break;
    }
  }
  w.end = i;
  return w;
}

// Every symbol word of `s`, in order (comments and strings included).
std::vector<Word> symbolWords(const std::string &s) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t at = s.find("@{", i);
    if (at == std::string::npos)
      break;
    size_t begin = at;
    while (begin > i && identChar(s[begin - 1]))
      --begin;
    Word w = readWord(s, begin);
    if (!w.hasSymbol) { // a stray "@{": skip it
      i = at + 2;
      continue;
    }
    out.push_back(w);
    i = w.end;
  }
  return out;
}

// Is text[at] the `}` that ends a symbol?
bool closesSymbol(const std::string &text, size_t at) {
  if (text[at] != '}')
    return false;
  size_t open = text.rfind("@{", at);
  return open != std::string::npos && text.find('}', open) == at;
}

struct Interval {
  size_t file, begin, end;
  bool overlaps(const Interval &o) const { return file == o.file && begin <= o.end && o.begin <= end; }
};

// What one code file says about names: the scope interval of every literal occurrence, and the
// scope of every symbol (from its first appearance).
struct FileScopes {
  std::map<std::string, std::vector<Interval>> literals;
  std::map<std::string, Interval> symbols; // key → scope
};

// A token of C/C++ text that matters for scopes: a name, or one of ( ) { }.
struct Token {
  enum Kind { Name, Symbol, Punct } kind;
  size_t pos;
  std::string text; // a name, a symbol's key, or the punctuation character
  bool global = false; // a name of a preprocessor line: holds for the whole file
};

// Splits C/C++ text into tokens, skipping comments, string and character literals, numbers, and
// member or qualified names (after `.`, `->`, `::`), which declare nothing in scope.
class Lexer {
public:
  explicit Lexer(const std::string &s) : s_(s) {}

  std::vector<Token> tokens() {
    for (size_t i = 0; i < s_.size();)
      i = step(i);
    return std::move(out_);
  }

private:
  const std::string &s_;
  std::vector<Token> out_;
  bool lineStart_ = true;

  size_t skipPast(size_t i, const std::string &end) const {
    size_t at = s_.find(end, i);
    return at == std::string::npos ? s_.size() : at + end.size();
  }
  size_t skipQuoted(size_t i, char quote) const {
    for (++i; i < s_.size() && s_[i] != quote; ++i)
      if (s_[i] == '\\')
        ++i;
    return std::min(i + 1, s_.size());
  }
  bool qualified(size_t i) const {
    size_t j = i;
    while (j > 0 && (s_[j - 1] == ' ' || s_[j - 1] == '\t'))
      --j;
    if (j >= 1 && s_[j - 1] == '.')
      return true;
    return j >= 2 && ((s_[j - 2] == '-' && s_[j - 1] == '>') || (s_[j - 2] == ':' && s_[j - 1] == ':'));
  }
  size_t directive(size_t i) {
    size_t end = i;
    while (end < s_.size() && s_[end] != '\n')
      end += s_[end] == '\\' ? 2 : 1;
    end = std::min(end, s_.size());
    for (size_t j = i + 1; j < end;) {
      if (identChar(s_[j]) && !std::isdigit(static_cast<unsigned char>(s_[j]))) {
        Word w = readWord(s_, j);
        if (!w.hasSymbol)
          out_.push_back({Token::Name, j, w.key, true});
        j = std::max(w.end, j + 1);
      } else {
        ++j;
      }
    }
    return end;
  }

  size_t step(size_t i) {
    char c = s_[i];
    if (c == '\n' || c == ' ' || c == '\t' || c == '\r') {
      lineStart_ = lineStart_ || c == '\n';
      return i + 1;
    }
    bool atLineStart = lineStart_;
    lineStart_ = false;
    if (c == '#' && atLineStart)
      return directive(i);
    if (startsAt(s_, i, "//")) {
      size_t nl = s_.find('\n', i);
      return nl == std::string::npos ? s_.size() : nl;
    }
    if (startsAt(s_, i, "/*"))
      return skipPast(i + 2, "*/");
    if (startsAt(s_, i, "R\"")) { // raw string R"delim( ... )delim"
      size_t paren = s_.find('(', i);
      if (paren == std::string::npos)
        return s_.size();
      return skipPast(paren, ")" + s_.substr(i + 2, paren - i - 2) + "\"");
    }
    if (c == '"' || c == '\'')
      return skipQuoted(i, c);
    if (std::isdigit(static_cast<unsigned char>(c))) { // a number, with its suffix and exponent sign
      size_t j = i + 1;
      while (j < s_.size() && (identChar(s_[j]) || s_[j] == '.' ||
                               ((s_[j] == '+' || s_[j] == '-') && std::strchr("eEpP", s_[j - 1]))))
        ++j;
      return j;
    }
    if (identChar(c) || startsAt(s_, i, "@{")) {
      Word w = readWord(s_, i);
      if (w.end == i)
        return i + 1;
      if (w.hasSymbol)
        out_.push_back({Token::Symbol, i, w.key});
      else if (!qualified(i))
        out_.push_back({Token::Name, i, w.key});
      return w.end;
    }
    if (c == '(' || c == ')' || c == '{' || c == '}')
      out_.push_back({Token::Punct, i, std::string(1, c)});
    return i + 1;
  }
};

// Reads the scopes of a C/C++ text (see Symbols.h). Frames are `{ }` blocks; a parenthesised
// header right before a block (a function's parameters, a for statement's declarations) belongs
// to that block. A name occurring inside a frame may be declared there, so its scope is taken to
// run to the frame's end.
FileScopes readScopes(const std::string &text, size_t file) {
  std::vector<Token> tokens = Lexer(text).tokens();
  // Which `(` opens a header: its `)` is followed directly by `{`.
  std::vector<bool> header(tokens.size(), false);
  std::vector<size_t> parens;
  for (size_t t = 0; t < tokens.size(); ++t) {
    if (tokens[t].kind != Token::Punct)
      continue;
    if (tokens[t].text == "(")
      parens.push_back(t);
    else if (tokens[t].text == ")" && !parens.empty()) {
      if (t + 1 < tokens.size() && tokens[t + 1].kind == Token::Punct && tokens[t + 1].text == "{")
        header[parens.back()] = true;
      parens.pop_back();
    }
  }
  struct Frame {
    size_t end;
    bool awaitingBody; // a header whose block has not opened yet
  };
  std::vector<Frame> frames = {{text.size(), false}};
  std::vector<size_t> open = {0};
  std::vector<std::pair<const Token *, size_t>> named; // name tokens and their frames
  for (size_t t = 0; t < tokens.size(); ++t) {
    const Token &tok = tokens[t];
    if (tok.kind != Token::Punct) {
      named.push_back({&tok, tok.global ? 0 : open.back()});
      continue;
    }
    char c = tok.text[0];
    if (c == '(' && header[t]) {
      frames.push_back({text.size(), true});
      open.push_back(frames.size() - 1);
    } else if (c == '{') {
      if (frames[open.back()].awaitingBody)
        frames[open.back()].awaitingBody = false;
      else {
        frames.push_back({text.size(), false});
        open.push_back(frames.size() - 1);
      }
    } else if (c == '}' && open.size() > 1) {
      frames[open.back()].end = tok.pos;
      open.pop_back();
    }
  }
  FileScopes out;
  for (const auto &[tok, frame] : named) {
    Interval in{file, tok->global ? 0 : tok->pos, frames[frame].end};
    if (tok->kind == Token::Symbol)
      out.symbols.emplace(tok->text, in); // the first occurrence wins
    else
      out.literals[tok->text].push_back(in);
  }
  return out;
}

bool hasReservedPrefix(const std::string &name, const Reserved &r) {
  for (const std::string &p : r.prefixes)
    if (name.compare(0, p.size(), p) == 0)
      return true;
  return false;
}

bool reservedWord(const std::string &name, const Reserved &r) {
  return cxxReservedWords().count(name) || r.words.count(name);
}

} // namespace

std::string symbol(const ir::VarNode &v) { return makeSymbol(v.serial, v.name); }
std::string symbol(const ir::BufferNode &b) { return makeSymbol(b.serial, b.name); }

bool spells(const std::string &text, const std::string &name) {
  if (name.empty())
    return false;
  for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    bool before = at > 0 && (identChar(text[at - 1]) || closesSymbol(text, at - 1));
    size_t end = at + name.size();
    bool after = end < text.size() && (identChar(text[end]) || startsAt(text, end, "@{"));
    if (!before && !after)
      return true;
  }
  return false;
}

std::string legalIdentifier(const std::string &hint) {
  std::string out;
  for (char c : hint) {
    char x = identChar(c) ? c : '_';
    if (x == '_' && !out.empty() && out.back() == '_') // `__` anywhere is reserved to the implementation
      continue;
    out += x;
  }
  if (out.empty() || out[0] == '_' || std::isdigit(static_cast<unsigned char>(out[0])))
    out = "v" + (out.empty() || out[0] == '_' ? out : "_" + out);
  return out;
}

void resolveSymbols(const std::vector<EmittedFile> &files, const Reserved &reserved) {
  // Symbols in order of first appearance, and every file's scopes.
  std::vector<std::string> order;
  std::map<std::string, std::string> hints;
  for (const EmittedFile &f : files)
    for (const Word &w : symbolWords(*f.text))
      if (hints.emplace(w.key, w.hint).second)
        order.push_back(w.key);
  if (order.empty())
    return;
  std::map<std::string, std::vector<Interval>> literalScopes, symbolScopes;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!files[i].code)
      continue;
    FileScopes fs = readScopes(*files[i].text, i);
    for (auto &[name, ins] : fs.literals)
      for (const Interval &in : ins)
        literalScopes[name].push_back(in);
    for (auto &[key, in] : fs.symbols)
      symbolScopes[key].push_back(in);
  }
  auto overlapsAny = [](const std::vector<Interval> &a, const std::vector<Interval> &b) {
    for (const Interval &x : a)
      for (const Interval &y : b)
        if (x.overlaps(y))
          return true;
    return false;
  };
  std::map<std::string, std::string> names;                // key → identifier
  std::map<std::string, std::vector<std::string>> holders; // identifier → keys given it
  for (const std::string &key : order) {
    std::string base = legalIdentifier(hints[key]);
    if (hasReservedPrefix(base, reserved))
      base = "v_" + base; // no suffix leaves the family
    else if (reservedWord(base, reserved))
      base += "_"; // `int` → `int_`
    const std::vector<Interval> &mine = symbolScopes[key];
    auto taken = [&](const std::string &name) {
      if (reservedWord(name, reserved))
        return true;
      if (auto it = literalScopes.find(name); it != literalScopes.end() && overlapsAny(mine, it->second))
        return true;
      if (auto it = holders.find(name); it != holders.end())
        for (const std::string &other : it->second)
          if (overlapsAny(mine, symbolScopes[other]))
            return true;
      return false;
    };
    std::string name = base;
    for (int n = 1; taken(name); ++n)
      name = base + (base.back() == '_' ? "" : "_") + std::to_string(n); // `this_` → `this_1`, never `__`
    names[key] = name;
    holders[name].push_back(key);
  }
  for (const EmittedFile &f : files) {
    std::string &text = *f.text;
    std::string out;
    size_t last = 0;
    for (const Word &w : symbolWords(text)) {
      out.append(text, last, w.begin - last);
      out += names.at(w.key);
      last = w.end;
    }
    out.append(text, last, std::string::npos);
    text = std::move(out);
  }
}

const std::set<std::string> &cxxReservedWords() {
  static const std::set<std::string> words = {
      // C++20 keywords (C's are among them) and alternative tokens
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
      "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr",
      "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete",
      "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
      "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
      "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
      "requires", "restrict", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast",
      "struct", "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid",
      "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
      "final", "override", "import", "module",
      // C keywords that are not C++'s, and names the standard headers define as macros
      "_Bool", "_Complex", "_Imaginary", "NULL", "EOF", "INFINITY", "NAN", "HUGE_VAL", "HUGE_VALF", "assert",
      "errno", "offsetof", "stdin", "stdout", "stderr", "CHAR_BIT", "INT_MAX", "INT_MIN", "UINT_MAX", "FLT_MAX",
      "FLT_MIN", "DBL_MAX", "DBL_MIN", "SIZE_MAX", "M_PI", "M_E", "FP_NAN", "isnan", "isinf", "isfinite",
      "signbit", "fpclassify", "setjmp", "va_arg", "va_start", "va_end", "va_copy", "linux", "unix",
      // the fixed-width types and std, used by every printer
      "std", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "size_t",
      "ptrdiff_t", "intptr_t", "uintptr_t", "main"};
  return words;
}

} // namespace tilec::target
