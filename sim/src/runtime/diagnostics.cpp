#include "diagnostics.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <set>

#include "dprint.hpp"
#include "report.hpp"
#include "scheduler.hpp"

namespace tilec::sim::rt {

std::string describeLoc(abi::Loc loc) {
  if (!loc.file) return "<unknown>";
  return fmt::format("{}:{}", loc.file, loc.line);
}

[[noreturn]] void stopSimulation() {
  flushAllDprints();
  std::fflush(stdout);
  std::fflush(stderr);
  writeReportFiles(/*stoppedBySimulator=*/true);
  std::fflush(stderr);
  _exit(kSimulatorStopExitCode);  // no destructors: fibers are mid-flight
}

[[noreturn]] void fail(abi::Loc loc, const std::string& message) {
  flushAllDprints();  // what the kernels printed before the error comes before it
  std::string where;
  if (KernelInstance* k = Scheduler::instance().current()) where = " [" + k->describe() + "]";
  std::fprintf(stderr, "tilec-sim: error: %s: %s%s\n", describeLoc(loc).c_str(), message.c_str(), where.c_str());
  stopSimulation();
}

void warn(abi::Loc loc, const std::string& message) {
  static const bool strict = [] {
    const char* v = std::getenv("TILEC_SIM_STRICT");
    return v && *v && std::string(v) != "0";
  }();
  if (strict) fail(loc, message + " (a warning; --strict stops at warnings)");
  static std::set<std::pair<std::string, int>> reported;
  if (!reported.insert({loc.file ? loc.file : "", loc.line}).second) return;
  std::string where;
  if (KernelInstance* k = Scheduler::instance().current()) where = " [" + k->describe() + "]";
  std::fflush(stdout);
  std::fprintf(stderr, "tilec-sim: warning: %s: %s%s\n", describeLoc(loc).c_str(), message.c_str(), where.c_str());
}

[[noreturn]] void failHost(const std::string& message) {
  flushAllDprints();
  std::fprintf(stderr, "tilec-sim: error: %s\n", message.c_str());
  stopSimulation();
}

}  // namespace tilec::sim::rt
