// Builds a directory's host sources into an executable linked against the simulator runtime,
// cached by content hash (sources, the headers they include, runtime library, flags), never by where DIR is.
#pragma once
#include <filesystem>
#include <string>

namespace tilec::sim {

struct HostBuild {
  bool ok = false;
  bool usageError = false;  // the failure is the command line's (e.g. which executable to run is ambiguous)
  bool cacheHit = false;  // the program was in the cache (nothing was compiled)
  std::filesystem::path executable;
  std::string log;  // compiler output when the build failed
};

// apiLevel: "2025" | "2026" compiles with -DTILEC_SIM_API=<level> (that release's names only); "": unpinned.
HostBuild buildHostProgram(const std::filesystem::path& dir, const std::string& apiLevel);

}  // namespace tilec::sim
