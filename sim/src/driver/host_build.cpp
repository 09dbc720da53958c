#include "host_build.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "../runtime/content_hash.hpp"
#include "../runtime/dep_list.hpp"
#include "../runtime/subprocess.hpp"
#include "sim_paths.hpp"

namespace tilec::sim {

namespace fs = std::filesystem;

// The host sources are compiled in DIR under their bare names (-I.), so nothing of DIR's location
// enters the binary or the cache key: an unchanged program in a fresh directory is a cache hit.
HostBuild buildHostProgram(const fs::path& dir, const std::string& apiLevel) {
  HostBuild result;
  std::vector<std::string> sources, headers;
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    auto ext = e.path().extension().string();
    if (ext == ".cpp") sources.push_back(e.path().filename().string());
    if (ext == ".h" || ext == ".hpp") headers.push_back(e.path().filename().string());
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
  std::vector<std::string> flags = {"-std=c++20", "-O1", "-I" + includeDir().string(), "-I."};
  if (!apiLevel.empty()) flags.push_back("-DTILEC_SIM_API=" + apiLevel);
  ContentHash h;
  for (auto& s : sources) h.addFile(dir / s);
  for (auto& s : headers) h.addFile(dir / s);
  h.add(rtLib.string());  // linked dynamically: a rebuilt runtime needs no relink (the ABI is in the headers)
  for (auto& f : flags) h.add(f);
  std::string key = h.hex();

  fs::path hostCache = cacheDir() / "host";
  fs::create_directories(hostCache);
  fs::path depList = hostCache / (key + ".deps");
  std::string entry = key + "-nodeps";
  if (auto deps = readDepList(depList))
    if (auto depsHash = hashDeps(*deps, dir)) entry = key + "-" + *depsHash;
  result.executable = hostCache / entry / "program";
  if (fs::exists(result.executable)) {
    result.cacheHit = true;
    result.ok = true;
    return result;
  }
  // Each source compiles on its own (in parallel, each with its depfile), then one link.
  fs::path work = hostCache / fmt::format("build.{}.{}", key, getpid());
  fs::create_directories(work);
  std::vector<Command> compiles;
  for (auto& s : sources) {
    Command c;
    c.argv = {"g++"};
    c.argv.insert(c.argv.end(), flags.begin(), flags.end());
    fs::path obj = work / (s + ".o");
    c.argv.insert(c.argv.end(), {"-c", s, "-MD", "-MF", obj.string() + ".d", "-o", obj.string()});
    c.cwd = dir.string();
    c.logFile = obj.string() + ".log";
    compiles.push_back(c);
  }
  int parallel = int(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<int> compiled = runAll(compiles, parallel);
  int status = 0;
  std::vector<std::string> deps;
  for (size_t i = 0; i < sources.size(); ++i) {
    result.log += readFile(compiles[i].logFile);
    status |= compiled[i];
    for (auto& f : parseDepfile(compiles[i].argv[compiles[i].argv.size() - 3])) deps.push_back(f);
  }
  fs::path tmp = work / "program";
  if (status == 0) {
    Command link;
    link.argv = {"g++"};
    for (auto& s : sources) link.argv.push_back((work / (s + ".o")).string());
    link.argv.insert(link.argv.end(), {"-o", tmp.string(), "-L" + runtimeDir().string(),
                                       "-Wl,-rpath," + runtimeDir().string(), "-ltilec_sim_rt",
                                       "-lfmt"});  // host_api.hpp brings in fmt, as the SDK's does
    link.logFile = (work / "link.log").string();
    status = runAll({link}, 1)[0];
    result.log += readFile(link.logFile);
  }
  if (status != 0) {
    fs::remove_all(work, ec);
    return result;
  }
  deps = filterDeps(deps, {"/usr/"});
  for (auto& s : sources) std::erase(deps, s);
  auto depsHash = hashDeps(deps, dir);
  if (depsHash) entry = key + "-" + *depsHash;
  result.executable = hostCache / entry / "program";
  fs::create_directories(result.executable.parent_path());
  fs::rename(tmp, result.executable);  // atomic: concurrent runs never see a half-written program
  fs::remove_all(work, ec);
  if (depsHash) writeDepList(depList, deps);
  result.ok = true;
  return result;
}

}  // namespace tilec::sim
