// A host program built at a pinned API level (-DTILEC_SIM_API=2025|2026, e.g. through the CMake
// package's TT::Metalium) tells the kernel JIT, which reads the level from the environment, so its
// kernels are held to the same release's names even when the program is started directly rather than
// by `tilec sim run`. An explicit TILEC_SIM_API in the environment wins.
#pragma once
#include <cstdlib>

#if defined(TILEC_SIM_API)
#define TILEC_SIM_LEVEL_STRING_(x) #x
#define TILEC_SIM_LEVEL_STRING(x) TILEC_SIM_LEVEL_STRING_(x)
namespace tilec::sim::host_detail {
inline const bool kApiLevelExported = [] {
  ::setenv("TILEC_SIM_API", TILEC_SIM_LEVEL_STRING(TILEC_SIM_API), /*overwrite=*/0);
  return true;
}();
}  // namespace tilec::sim::host_detail
#endif
