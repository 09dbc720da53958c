// Entry points the rest of tilec uses: build a directory of TT-Metalium host sources against the
// simulator and run it (`tilec sim run DIR`).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tilec::sim {

struct RunOptions {
  // The program's directory; it runs with cwd = dir. With a CMakeLists.txt, dir is a CMake project built
  // against the simulator's TT-Metalium package; without, every *.cpp directly in dir is a host source.
  std::string dir;
  std::string arch = "wormhole_b0";      // or "blackhole"
  // TT-Metalium API level the program is built against: "2025" (tt-metal v0.63.0) or "2026" (ttnn 0.81.1);
  // the headers then declare that release's names only. "": the api_level of dir/tt.plan.json when there
  // is one, else unpinned (both eras' names, for hand-written programs of any vintage).
  std::string apiLevel;
  std::string executable;                // a CMake project with several executables: the one to build and run
  // false: compile dir's *.cpp directly even when it has a CMakeLists.txt (tilec run --target tt-sim does,
  // by default: its emitted CMakeLists.txt only lists those sources, and the direct build is cheaper).
  bool useCMakeLists = true;
  bool verbose = false;                  // report on stderr whether the host program and kernels came from the cache
  std::string traceFile;                 // Chrome trace JSON (Perfetto), empty: none
  std::string reportFile;                // cycle report JSON, empty: none (still returned in RunResult::report)
  std::vector<std::string> programArgs;  // argv[1..] of the host program
  // Protocol violations the hardware tolerates in this run (packing without cb_reserve_back into free
  // pages, reading a CB without cb_wait_front after the data arrived) are warnings; strict makes them stop
  // the run (exit 4) like errors.
  bool strict = false;
};

struct RunResult {
  int exitCode;             // the program's own; 4 the simulator stopped it; 3 the build failed; 2 dir is no directory
  std::string diagnostics;  // everything the program (and the simulator) wrote to stderr
  nlohmann::json report;    // cycles, us, per-core breakdown, utilisation (null when none was written)
};

RunResult runDirectory(const RunOptions& options);

// `sim run DIR [--arch wormhole_b0|blackhole] [--tt-api 2025|2026] [--strict] [--exe NAME] [--trace FILE]
// [--report FILE.json] [--verbose] [-- ARGS]`
// (args exclude the leading "sim"). Streams the program's stderr; returns its exit code.
int runCli(const std::vector<std::string>& args);

}  // namespace tilec::sim
