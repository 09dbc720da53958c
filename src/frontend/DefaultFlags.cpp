// `# tilec: <flags>` comment lines give a file's default invocation, so every example runs with
// no flags on the command line.
#include "frontend/Frontend.h"

#include <sstream>

namespace tilec::frontend {

namespace {
// Splits like a shell would for the cases that occur: spaces separate, double quotes group.
void splitWords(std::string_view text, std::vector<std::string> &out) {
  std::string word;
  bool inQuotes = false, hasWord = false;
  for (char c : text) {
    if (c == '"') {
      inQuotes = !inQuotes;
      hasWord = true;
    } else if (!inQuotes && (c == ' ' || c == '\t')) {
      if (hasWord)
        out.push_back(word);
      word.clear();
      hasWord = false;
    } else {
      word += c;
      hasWord = true;
    }
  }
  if (hasWord)
    out.push_back(word);
}
} // namespace

std::vector<std::string> defaultFlags(const SourceFile &file) {
  std::vector<std::string> flags;
  constexpr std::string_view kPrefix = "# tilec:";
  for (int line = 1; line <= file.lineCount(); ++line) {
    std::string_view text = file.lineText(line);
    size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos || text.substr(first, kPrefix.size()) != kPrefix)
      continue;
    splitWords(text.substr(first + kPrefix.size()), flags);
  }
  return flags;
}

} // namespace tilec::frontend
