#include "support/Files.h"

#include "support/Diagnostics.h"

#include <filesystem>
#include <fstream>

namespace tilec {

void writeFiles(const std::map<std::string, std::string> &files, const std::string &dir) {
  namespace fs = std::filesystem;
  for (const auto &[name, text] : files) {
    fs::path path = fs::path(dir) / name;
    fs::create_directories(path.parent_path());
    std::ofstream out(path);
    if (!out)
      fail({}, "cannot write '" + path.string() + "'");
    out << text;
  }
}

} // namespace tilec
