#include "support/Diagnostics.h"

#include <fstream>
#include <sstream>

namespace tilec {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  lineStarts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n' && i + 1 < text_.size())
      lineStarts_.push_back(i + 1);
}

std::string_view SourceFile::lineText(int line) const {
  if (line < 1 || line > lineCount())
    return {};
  size_t begin = lineStarts_[line - 1];
  size_t end = text_.find('\n', begin);
  if (end == std::string::npos)
    end = text_.size();
  if (end > begin && text_[end - 1] == '\r')
    --end;
  return std::string_view(text_).substr(begin, end - begin);
}

const SourceFile &SourceManager::load(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    fail({}, "cannot read file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return addBuffer(path, text.str());
}

const SourceFile &SourceManager::addBuffer(std::string name, std::string text) {
  files_.push_back(std::make_unique<SourceFile>(std::move(name), std::move(text)));
  return *files_.back();
}

std::string renderDiagnostic(const SourceLoc &loc, std::string_view severity,
                             std::string_view message) {
  std::string out;
  if (loc.file) {
    out += loc.file->path();
    if (loc.line > 0)
      out += ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
    out += ": ";
  } else {
    out += "tilec: ";
  }
  out += std::string(severity) + ": " + std::string(message) + "\n";
  if (!loc.valid())
    return out;
  std::string_view line = loc.file->lineText(loc.line);
  out += std::string(line) + "\n";
  // Keep tabs in the caret line so the caret sits under the column in any tab width.
  std::string caret;
  for (int i = 1; i < loc.col && i - 1 < static_cast<int>(line.size()); ++i)
    caret += line[i - 1] == '\t' ? '\t' : ' ';
  out += caret + "^\n";
  return out;
}

} // namespace tilec
