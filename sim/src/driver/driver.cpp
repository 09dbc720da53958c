// runDirectory / runCli: build the host program (cached), run it as a child process with cwd = DIR
// so a crash in user code cannot take tilec down, collect its stderr and the cycle report.
#include "tilec_sim/driver.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "../runtime/content_hash.hpp"
#include "cmake_build.hpp"
#include "host_build.hpp"

namespace tilec::sim {

namespace fs = std::filesystem;

// Exit codes of `sim run` besides the program's own (docs/SIMULATOR.md): 2 bad command line,
// 3 the host program does not build, 4 the simulator stopped the program (runtime/diagnostics.hpp).
static constexpr int kUsageExitCode = 2;
static constexpr int kBuildFailedExitCode = 3;

static RunResult runChild(const fs::path& exe, const RunOptions& o, const std::string& reportPath, bool echo) {
  RunResult r{0, {}, nullptr};
  int pipeFds[2];
  if (pipe(pipeFds) != 0) return {kBuildFailedExitCode, "tilec-sim: cannot create a pipe\n", nullptr};
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid == 0) {
    close(pipeFds[0]);
    dup2(pipeFds[1], 2);
    close(pipeFds[1]);
    if (chdir(o.dir.c_str()) != 0) _exit(127);
    setenv("TILEC_SIM_ARCH", o.arch.c_str(), 1);
    if (!o.apiLevel.empty()) setenv("TILEC_SIM_API", o.apiLevel.c_str(), 1);  // read by the kernel JIT
    else unsetenv("TILEC_SIM_API");
    setenv("TILEC_SIM_REPORT", reportPath.c_str(), 1);
    if (o.strict) setenv("TILEC_SIM_STRICT", "1", 1);  // read by the runtime's checks (warn)
    else unsetenv("TILEC_SIM_STRICT");
    if (!o.traceFile.empty()) setenv("TILEC_SIM_TRACE", fs::absolute(o.traceFile).c_str(), 1);
    else unsetenv("TILEC_SIM_TRACE");
    if (o.verbose) setenv("TILEC_SIM_VERBOSE", "1", 1);  // the kernel JIT reports its cache hits too
    std::vector<std::string> args = {exe.string()};
    args.insert(args.end(), o.programArgs.begin(), o.programArgs.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(pipeFds[1]);
  char buf[4096];
  ssize_t n;
  while ((n = read(pipeFds[0], buf, sizeof buf)) > 0) {
    r.diagnostics.append(buf, size_t(n));
    if (echo) fwrite(buf, 1, size_t(n), stderr);
  }
  close(pipeFds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) {
    r.exitCode = WEXITSTATUS(status);
  } else {
    r.exitCode = 128 + WTERMSIG(status);
    std::string msg = fmt::format("tilec-sim: error: the program was killed by signal {}\n", WTERMSIG(status));
    r.diagnostics += msg;
    if (echo) std::fputs(msg.c_str(), stderr);
  }
  std::ifstream in(reportPath);
  if (in) {
    try {
      r.report = nlohmann::json::parse(in);
    } catch (...) {
      r.report = nullptr;
    }
  }
  return r;
}

// The api_level a tilec-emitted directory was generated for ("" when there is no tt.plan.json).
static std::string planApiLevel(const fs::path& dir) {
  std::ifstream in(dir / "tt.plan.json");
  if (!in) return {};
  try {
    nlohmann::json plan = nlohmann::json::parse(in);
    return plan.value("api_level", std::string());
  } catch (...) {
    return {};
  }
}

static RunResult run(const RunOptions& o, bool echo) {
  RunOptions opts = o;
  opts.dir = fs::absolute(o.dir).string();
  if (!fs::is_directory(opts.dir)) {
    std::string msg = fmt::format("tilec-sim: error: {} is not a directory\n", o.dir);
    if (echo) std::fputs(msg.c_str(), stderr);
    return {kUsageExitCode, msg, nullptr};
  }
  if (opts.apiLevel.empty()) opts.apiLevel = planApiLevel(opts.dir);
  // A directory with a CMakeLists.txt is built as its author builds it (find_package(TT-Metalium));
  // without one, its *.cpp are compiled directly.
  bool viaCMake = opts.useCMakeLists && fs::exists(fs::path(opts.dir) / "CMakeLists.txt");
  HostBuild build = viaCMake ? buildCMakeProject(opts.dir, opts.apiLevel, opts.executable)
                             : buildHostProgram(opts.dir, opts.apiLevel);
  if (!build.ok) {
    std::string msg = build.log + fmt::format("tilec-sim: error: building the host program in {} failed\n", o.dir);
    if (echo) std::fputs(msg.c_str(), stderr);
    return {build.usageError ? kUsageExitCode : kBuildFailedExitCode, msg, nullptr};
  }
  if (opts.verbose)
    std::fprintf(stderr, "tilec-sim: host program (%s): %s\n", viaCMake ? "CMake" : "direct",
                 build.cacheHit ? "cache hit" : "built");
  std::string reportPath = opts.reportFile.empty()
                               ? (cacheDir() / fmt::format("report.{}.json", getpid())).string()
                               : fs::absolute(opts.reportFile).string();
  std::error_code ec;
  fs::remove(reportPath, ec);
  RunResult r = runChild(build.executable, opts, reportPath, echo);
  if (opts.reportFile.empty()) fs::remove(reportPath, ec);
  return r;
}

RunResult runDirectory(const RunOptions& options) { return run(options, false); }

int runCli(const std::vector<std::string>& args) {
  static const char* kUsage =
      "usage: sim run DIR [--arch wormhole_b0|blackhole] [--tt-api 2025|2026] [--strict] [--exe NAME]\n"
      "               [--trace FILE] [--report FILE.json] [--verbose] [-- ARGS]\n"
      "Builds the TT-Metalium program in DIR against the simulator (with its CMakeLists.txt when it has one)\n"
      "and runs it there. Exit code: the program's own; 2 bad command line; 3 the host program does not\n"
      "build; 4 the simulator stopped the program (kernel compile error, protocol violation, deadlock).\n";
  auto usage = [] {
    std::fputs(kUsage, stderr);
    return kUsageExitCode;
  };
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (args.empty() || args[0] != "run") return usage();
  RunOptions o;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    if (a == "--") {
      o.programArgs.assign(args.begin() + long(i) + 1, args.end());
      break;
    } else if (a == "--arch") {
      if (!value(o.arch)) return usage();
    } else if (a == "--tt-api") {
      if (!value(o.apiLevel)) return usage();
    } else if (a == "--strict") {
      o.strict = true;
    } else if (a == "--trace") {
      if (!value(o.traceFile)) return usage();
    } else if (a == "--report") {
      if (!value(o.reportFile)) return usage();
    } else if (a == "--exe") {
      if (!value(o.executable)) return usage();
    } else if (a == "--verbose" || a == "-v") {
      o.verbose = true;
    } else if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (o.dir.empty() && a.rfind("--", 0) != 0) {
      o.dir = a;
    } else {
      return usage();
    }
  }
  if (o.dir.empty()) return usage();
  if (!o.apiLevel.empty() && o.apiLevel != "2025" && o.apiLevel != "2026") {
    std::fprintf(stderr, "tilec-sim: error: unknown TT-Metalium API level '%s' (expected 2025 or 2026)\n",
                 o.apiLevel.c_str());
    return kUsageExitCode;
  }
  if (o.arch != "wormhole_b0" && o.arch != "blackhole") {
    std::fprintf(stderr, "tilec-sim: error: unknown arch '%s' (expected wormhole_b0 or blackhole)\n", o.arch.c_str());
    return kUsageExitCode;
  }
  return run(o, true).exitCode;
}

}  // namespace tilec::sim
