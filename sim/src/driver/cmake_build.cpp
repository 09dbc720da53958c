#include "cmake_build.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "../runtime/content_hash.hpp"
#include "../runtime/dep_list.hpp"
#include "../runtime/subprocess.hpp"
#include "sim_paths.hpp"

namespace tilec::sim {

namespace fs = std::filesystem;

namespace {

struct Executable {
  std::string name;
  fs::path path;  // absolute
};

bool isBuildInput(const fs::path& p) {
  static const char* kExtensions[] = {".cpp", ".cc", ".cxx", ".c", ".h", ".hpp", ".hh", ".hxx",
                                      ".inl", ".ipp", ".tpp", ".cmake", ".in"};
  if (p.filename() == "CMakeLists.txt") return true;
  std::string ext = p.extension().string();
  return std::any_of(std::begin(kExtensions), std::end(kExtensions), [&](const char* e) { return ext == e; });
}

// Build inputs under `dir` by relative name, sorted; hidden entries and build trees are skipped.
std::vector<std::string> buildInputs(const fs::path& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
    std::string name = it->path().filename().string();
    bool buildTree = it->is_directory() && fs::exists(it->path() / "CMakeCache.txt");
    if (name.starts_with(".") || buildTree) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && isBuildInput(it->path())) files.push_back(it->path().lexically_relative(dir).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool onPath(const std::string& tool) {
  const char* path = std::getenv("PATH");
  std::stringstream ss(path ? path : "");
  std::string d;
  while (std::getline(ss, d, ':'))
    if (!d.empty() && access((fs::path(d) / tool).c_str(), X_OK) == 0) return true;
  return false;
}

fs::path configFile() { return packagePrefix() / "lib" / "cmake" / "tt-metalium" / "tt-metalium-config.cmake"; }

int run(const std::vector<std::string>& argv, const fs::path& log, std::string& logText) {
  Command c;
  c.argv = argv;
  c.logFile = log.string();
  int status = runAll({c}, 1)[0];
  logText += readFile(log);
  return status;
}

nlohmann::json readJson(const fs::path& p) {
  std::ifstream in(p);
  try {
    return nlohmann::json::parse(in);
  } catch (...) {
    return nullptr;
  }
}

// The CMake file API's reply (index file), or null.
nlohmann::json fileApiIndex(const fs::path& build) {
  fs::path reply = build / ".cmake" / "api" / "v1" / "reply";
  std::error_code ec;
  std::vector<fs::path> indexes;
  for (auto& e : fs::directory_iterator(reply, ec))
    if (e.path().filename().string().starts_with("index-")) indexes.push_back(e.path());
  if (indexes.empty()) return nullptr;
  std::sort(indexes.begin(), indexes.end());
  return readJson(indexes.back());
}

fs::path replyFile(const fs::path& build, const nlohmann::json& index, const std::string& kind) {
  if (!index.is_object() || !index.contains("reply") || !index["reply"].contains(kind)) return {};
  return build / ".cmake" / "api" / "v1" / "reply" / index["reply"][kind].value("jsonFile", std::string());
}

std::vector<Executable> executables(const fs::path& build, const nlohmann::json& index) {
  std::vector<Executable> out;
  nlohmann::json model = readJson(replyFile(build, index, "codemodel-v2"));
  if (!model.is_object() || model["configurations"].empty()) return out;
  for (auto& t : model["configurations"][0]["targets"]) {
    nlohmann::json target = readJson(build / ".cmake" / "api" / "v1" / "reply" / t.value("jsonFile", std::string()));
    if (!target.is_object() || target.value("type", std::string()) != "EXECUTABLE" || !target.contains("artifacts"))
      continue;
    fs::path artifact = target["artifacts"][0].value("path", std::string());
    out.push_back({target.value("name", std::string()), artifact.is_absolute() ? artifact : build / artifact});
  }
  return out;
}

// Every file the configure step and the compiler read (absolute paths).
std::vector<std::string> buildDependencies(const fs::path& dir, const fs::path& build, const nlohmann::json& index,
                                           bool ninja) {
  std::vector<std::string> deps;
  nlohmann::json inputs = readJson(replyFile(build, index, "cmakeFiles-v1"));
  if (inputs.is_object())
    for (auto& in : inputs["inputs"]) {
      if (in.value("isCMake", false) || in.value("isGenerated", false)) continue;
      fs::path p = in.value("path", std::string());
      deps.push_back((p.is_absolute() ? p : dir / p).lexically_normal().string());
    }
  if (ninja) {
    std::string text;
    run({"ninja", "-C", build.string(), "-t", "deps"}, build / "deps.txt", text);
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.empty() || (line[0] != ' ' && line[0] != '\t')) continue;
      fs::path p = line.substr(line.find_first_not_of(" \t"));
      deps.push_back((p.is_absolute() ? p : build / p).lexically_normal().string());
    }
  }
  return deps;
}

// Files under `dir` by relative name (their location must not enter the key), the rest absolute;
// system headers, the simulator's headers' root stays in (it is the package), generated files out.
std::vector<std::string> keyedDependencies(std::vector<std::string> deps, const fs::path& dir, const fs::path& build) {
  deps = filterDeps(deps, {"/usr/", build.string()});
  std::string prefix = dir.string() + "/";
  for (auto& d : deps)
    if (d.starts_with(prefix)) d = d.substr(prefix.size());
  std::sort(deps.begin(), deps.end());
  deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
  return deps;
}

}  // namespace

HostBuild buildCMakeProject(const fs::path& dir, const std::string& apiLevel, const std::string& target) {
  HostBuild result;
  if (!onPath("cmake")) {
    result.log = fmt::format("{} has a CMakeLists.txt but cmake is not on PATH\n", dir.string());
    return result;
  }
  if (!fs::exists(configFile())) {
    result.log = fmt::format("the simulator's TT-Metalium CMake package is missing ({})\n", configFile().string());
    return result;
  }
  bool ninja = onPath("ninja");
  ContentHash h;
  h.add("cmake");
  for (auto& f : buildInputs(dir)) {
    h.add(f);
    h.add(readFile(dir / f));
  }
  h.add(readFile(configFile()));  // names the include root, the runtime library and the level rules
  h.add(apiLevel);
  h.add(target);
  h.add(ninja ? "Ninja" : "Unix Makefiles");
  std::string key = h.hex();

  fs::path cache = cacheDir() / "cmake";
  fs::create_directories(cache);
  fs::path depList = cache / (key + ".deps");
  std::string entry = key + "-nodeps";
  if (auto deps = readDepList(depList))
    if (auto depsHash = hashDeps(*deps, dir)) entry = key + "-" + *depsHash;
  result.executable = cache / entry / "program";
  if (fs::exists(result.executable)) {
    result.cacheHit = true;
    result.ok = true;
    return result;
  }

  fs::path build = cache / fmt::format("build.{}.{}", key, getpid());
  std::error_code ec;
  fs::remove_all(build, ec);
  fs::path query = build / ".cmake" / "api" / "v1" / "query";
  fs::create_directories(query);
  std::ofstream(query / "codemodel-v2").flush();
  std::ofstream(query / "cmakeFiles-v1").flush();
  std::vector<std::string> configure = {"cmake", "-S", dir.string(), "-B", build.string(), "-G",
                                        ninja ? "Ninja" : "Unix Makefiles",
                                        "-DCMAKE_PREFIX_PATH=" + packagePrefix().string(), "-DCMAKE_BUILD_TYPE=",
                                        "-DCMAKE_CXX_FLAGS=-O1"};
  if (!apiLevel.empty()) configure.push_back("-DTILEC_SIM_API=" + apiLevel);
  auto fail = [&](std::string why) {
    result.log += why;
    fs::remove_all(build, ec);
    return result;
  };
  if (run(configure, build / "configure.log", result.log) != 0)
    return fail(fmt::format("configuring the CMake project in {} failed\n", dir.string()));
  nlohmann::json index = fileApiIndex(build);
  std::vector<Executable> exes = executables(build, index);
  std::string names;
  for (auto& e : exes) names += (names.empty() ? "" : ", ") + e.name;
  auto chosen = std::find_if(exes.begin(), exes.end(), [&](const Executable& e) { return e.name == target; });
  if (target.empty() && exes.size() == 1) chosen = exes.begin();
  if (chosen == exes.end()) {
    result.usageError = !exes.empty();  // --exe missing or naming no executable
    if (exes.empty()) return fail(fmt::format("the CMake project in {} defines no executable\n", dir.string()));
    if (target.empty())
      return fail(fmt::format("the CMake project in {} defines several executables ({}): pick one with --exe NAME\n",
                              dir.string(), names));
    return fail(fmt::format("the CMake project in {} defines no executable '{}' (it has: {})\n", dir.string(), target,
                            names));
  }
  result.log.clear();  // configure's chatter is only worth showing when something fails
  if (run({"cmake", "--build", build.string(), "--target", chosen->name}, build / "build.log", result.log) != 0)
    return fail(fmt::format("building {} in {} failed\n", chosen->name, dir.string()));

  std::vector<std::string> deps = keyedDependencies(buildDependencies(dir, build, index, ninja), dir, build);
  auto depsHash = hashDeps(deps, dir);
  if (depsHash) entry = key + "-" + *depsHash;
  result.executable = cache / entry / "program";
  fs::create_directories(result.executable.parent_path());
  fs::path tmp = result.executable;
  tmp += fmt::format(".{}.tmp", getpid());
  fs::copy_file(chosen->path, tmp, fs::copy_options::overwrite_existing, ec);
  if (ec) return fail(fmt::format("cannot copy {}: {}\n", chosen->path.string(), ec.message()));
  fs::rename(tmp, result.executable);  // atomic: concurrent runs never see a half-written program
  fs::remove_all(build, ec);
  if (depsHash) writeDepList(depList, deps);
  result.log.clear();
  result.ok = true;
  return result;
}

}  // namespace tilec::sim
