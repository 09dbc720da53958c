#include "content_hash.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace tilec::sim {

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void ContentHash::addFile(const std::filesystem::path& p) {
  add(p.filename().string());
  add(readFile(p));
}

void ContentHash::addTree(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); !ec && it != std::filesystem::end(it);
       it.increment(ec))
    if (it->is_regular_file()) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  for (auto& f : files) {
    add(f.lexically_relative(dir).string());
    add(readFile(f));
  }
}

std::string ContentHash::hex() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
  return buf;
}

std::filesystem::path cacheDir() {
  std::filesystem::path dir;
  if (const char* c = std::getenv("TILEC_SIM_CACHE"); c && *c) dir = c;
  else if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) dir = std::filesystem::path(x) / "tilec-sim";
  else if (const char* h = std::getenv("HOME"); h && *h) dir = std::filesystem::path(h) / ".cache" / "tilec-sim";
  else dir = std::filesystem::temp_directory_path() / "tilec-sim";
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace tilec::sim
