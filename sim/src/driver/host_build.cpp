#include "host_build.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "../runtime/content_hash.hpp"
#include "../runtime/subprocess.hpp"

#ifndef TILEC_SIM_INCLUDE_DIR
#error "TILEC_SIM_INCLUDE_DIR must be defined by the build"
#endif
#ifndef TILEC_SIM_RUNTIME_DIR
#error "TILEC_SIM_RUNTIME_DIR must be defined by the build"
#endif

namespace tilec::sim {

namespace fs = std::filesystem;

static fs::path includeDir() {
  if (const char* e = std::getenv("TILEC_SIM_INCLUDE_DIR"); e && *e) return e;
  return TILEC_SIM_INCLUDE_DIR;
}
static fs::path runtimeDir() {
  if (const char* e = std::getenv("TILEC_SIM_RUNTIME_DIR"); e && *e) return e;
  return TILEC_SIM_RUNTIME_DIR;
}

HostBuild buildHostProgram(const fs::path& dir, const std::string& apiLevel) {
  HostBuild result;
  std::vector<fs::path> sources, headers;
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    auto ext = e.path().extension().string();
    if (ext == ".cpp") sources.push_back(e.path());
    if (ext == ".h" || ext == ".hpp") headers.push_back(e.path());
  }
  if (ec) {
    result.log = fmt::format("cannot read directory {}: {}", dir.string(), ec.message());
    return result;
  }
  if (sources.empty()) {
    result.log = fmt::format("no host sources (*.cpp) in {}", dir.string());
    return result;
  }
  std::sort(sources.begin(), sources.end());
  std::sort(headers.begin(), headers.end());

  fs::path rtLib = runtimeDir() / "libtilec_sim_rt.so";
  std::vector<std::string> flags = {"-std=c++20", "-O1", "-I" + includeDir().string(), "-I" + dir.string()};
  if (!apiLevel.empty()) flags.push_back("-DTILEC_SIM_API=" + apiLevel);
  ContentHash h;
  for (auto& s : sources) h.addFile(s);
  for (auto& s : headers) h.addFile(s);
  h.addTree(includeDir());  // host headers include shared ones from the kernel tree (kernel_structs.h, ...)
  h.add(rtLib.string());  // linked dynamically: a rebuilt runtime needs no relink (the ABI is in the hashed headers)
  for (auto& f : flags) h.add(f);

  fs::path out = cacheDir() / "host" / h.hex();
  fs::create_directories(out);
  result.executable = out / "program";
  if (fs::exists(result.executable)) {
    result.ok = true;
    return result;
  }
  fs::path tmp = out / fmt::format("program.{}.tmp", getpid());
  Command c;
  c.argv = {"g++"};
  c.argv.insert(c.argv.end(), flags.begin(), flags.end());
  for (auto& s : sources) c.argv.push_back(fs::absolute(s).string());
  c.argv.insert(c.argv.end(), {"-o", tmp.string(), "-L" + runtimeDir().string(), "-Wl,-rpath," + runtimeDir().string(),
                               "-ltilec_sim_rt", "-lfmt"});  // host_api.hpp brings in fmt, as the SDK's does
  c.logFile = (out / fmt::format("build.{}.log", getpid())).string();
  int status = runAll({c}, 1)[0];
  result.log = readFile(c.logFile);
  fs::remove(c.logFile, ec);
  if (status != 0) return result;
  fs::rename(tmp, result.executable);
  result.ok = true;
  return result;
}

}  // namespace tilec::sim
