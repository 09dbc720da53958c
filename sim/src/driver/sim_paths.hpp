// Where the simulator's parts are: the host include root, the runtime library's directory and the
// prefix holding the TT-Metalium CMake package (lib/cmake/tt-metalium). Fixed at build time; each
// may be overridden by an environment variable of the same name (TILEC_SIM_INCLUDE_DIR,
// TILEC_SIM_RUNTIME_DIR, TILEC_SIM_PACKAGE_PREFIX).
#pragma once
#include <filesystem>

namespace tilec::sim {

std::filesystem::path includeDir();
std::filesystem::path runtimeDir();
std::filesystem::path packagePrefix();

}  // namespace tilec::sim
