#include "dep_list.hpp"

#include <unistd.h>

#include <fstream>
#include <set>

#include "content_hash.hpp"

namespace tilec::sim {

namespace fs = std::filesystem;

std::vector<std::string> parseDepfile(const fs::path& depfile) {
  std::string text = readFile(depfile);
  std::vector<std::string> words;
  std::string word;
  bool sawTarget = false;
  auto flush = [&] {
    if (word.empty()) return;
    if (sawTarget) words.push_back(word);
    word.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      char n = text[i + 1];
      if (n == '\n') {  // line continuation
        flush();
        ++i;
        continue;
      }
      if (n == ' ' || n == '#' || n == '\\') {  // escaped character inside a path
        word += n;
        ++i;
        continue;
      }
    }
    if (c == '$' && i + 1 < text.size() && text[i + 1] == '$') {
      word += '$';
      ++i;
      continue;
    }
    if (c == ':' && !sawTarget && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) {
      word.clear();  // the target
      sawTarget = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      flush();
      continue;
    }
    word += c;
  }
  flush();
  return words;
}

std::vector<std::string> filterDeps(const std::vector<std::string>& files, const std::vector<std::string>& skipPrefixes) {
  std::vector<std::string> kept;
  std::set<std::string> seen;
  for (const auto& f : files) {
    bool skip = false;
    for (const auto& p : skipPrefixes) skip |= !p.empty() && f.rfind(p, 0) == 0;
    if (!skip && seen.insert(f).second) kept.push_back(f);
  }
  return kept;
}

std::optional<std::vector<std::string>> readDepList(const fs::path& list) {
  std::ifstream in(list);
  if (!in) return std::nullopt;
  std::vector<std::string> files;
  std::string line;
  bool complete = false;
  while (std::getline(in, line)) {
    if (line == "#end") {
      complete = true;
      break;
    }
    if (!line.empty()) files.push_back(line);
  }
  if (!complete) return std::nullopt;  // a list cut short (a crash while writing) is no list
  return files;
}

void writeDepList(const fs::path& list, const std::vector<std::string>& files) {
  fs::path tmp = list;
  tmp += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp);
    for (const auto& f : files) out << f << "\n";
    out << "#end\n";
  }
  std::error_code ec;
  fs::rename(tmp, list, ec);  // atomic: concurrent readers see the old list or the new one
}

std::optional<std::string> hashDeps(const std::vector<std::string>& files, const fs::path& base) {
  ContentHash h;
  for (const auto& f : files) {
    fs::path p = fs::path(f).is_absolute() || base.empty() ? fs::path(f) : base / f;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) return std::nullopt;
    h.add(f);
    h.add(readFile(p));
  }
  return h.hex();
}

}  // namespace tilec::sim
