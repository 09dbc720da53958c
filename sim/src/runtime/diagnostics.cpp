#include "diagnostics.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "report.hpp"
#include "scheduler.hpp"

namespace tilec::sim::rt {

std::string describeLoc(abi::Loc loc) {
  if (!loc.file) return "<unknown>";
  return fmt::format("{}:{}", loc.file, loc.line);
}

[[noreturn]] void stopSimulation() {
  std::fflush(stdout);
  std::fflush(stderr);
  writeReportFiles(/*stoppedBySimulator=*/true);
  std::fflush(stderr);
  _exit(kSimulatorStopExitCode);  // no destructors: fibers are mid-flight
}

[[noreturn]] void fail(abi::Loc loc, const std::string& message) {
  std::string where;
  if (KernelInstance* k = Scheduler::instance().current()) where = " [" + k->describe() + "]";
  std::fprintf(stderr, "tilec-sim: error: %s: %s%s\n", describeLoc(loc).c_str(), message.c_str(), where.c_str());
  stopSimulation();
}

[[noreturn]] void failHost(const std::string& message) {
  std::fprintf(stderr, "tilec-sim: error: %s\n", message.c_str());
  stopSimulation();
}

}  // namespace tilec::sim::rt
