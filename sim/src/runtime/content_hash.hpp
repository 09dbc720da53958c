// FNV-1a 64-bit hashing for the build caches (kernel .so files, host executables).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace tilec::sim {

class ContentHash {
 public:
  void add(std::string_view bytes) {
    for (unsigned char c : bytes) h_ = (h_ ^ c) * 0x100000001b3ull;
    h_ = (h_ ^ 0xff) * 0x100000001b3ull;  // separator so ("ab","c") != ("a","bc")
  }
  void addFile(const std::filesystem::path& p);
  // Every regular file under `dir` (sorted by path), names and contents.
  void addTree(const std::filesystem::path& dir);
  std::string hex() const;

 private:
  uint64_t h_ = 0xcbf29ce484222325ull;
};

std::string readFile(const std::filesystem::path& p);
// $TILEC_SIM_CACHE, else $XDG_CACHE_HOME/tilec-sim, else ~/.cache/tilec-sim (created).
std::filesystem::path cacheDir();

}  // namespace tilec::sim
