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
#include "host_build.hpp"

namespace tilec::sim {

namespace fs = std::filesystem;

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
    return {kBuildFailedExitCode, msg, nullptr};
  }
  if (opts.apiLevel.empty()) opts.apiLevel = planApiLevel(opts.dir);
  HostBuild build = buildHostProgram(opts.dir, opts.apiLevel);
  if (!build.ok) {
    std::string msg = build.log + fmt::format("tilec-sim: error: building the host program in {} failed\n", o.dir);
    if (echo) std::fputs(msg.c_str(), stderr);
    return {kBuildFailedExitCode, msg, nullptr};
  }
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
  auto usage = [] {
    std::fprintf(stderr,
                 "usage: sim run DIR [--arch wormhole_b0|blackhole] [--tt-api 2025|2026] [--strict] [--trace FILE] [--report FILE.json] "
                 "[-- ARGS]\n");
    return 2;
  };
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
    return 2;
  }
  if (o.arch != "wormhole_b0" && o.arch != "blackhole") {
    std::fprintf(stderr, "tilec-sim: error: unknown arch '%s' (expected wormhole_b0 or blackhole)\n", o.arch.c_str());
    return 2;
  }
  return run(o, true).exitCode;
}

}  // namespace tilec::sim
