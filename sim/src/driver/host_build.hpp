// Builds a directory's host sources into an executable linked against the simulator runtime,
// cached by content hash (sources, simulator headers, runtime library, flags).
#pragma once
#include <filesystem>
#include <string>

namespace tilec::sim {

struct HostBuild {
  bool ok = false;
  std::filesystem::path executable;
  std::string log;  // compiler output when the build failed
};

HostBuild buildHostProgram(const std::filesystem::path& dir);

}  // namespace tilec::sim
