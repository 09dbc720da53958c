#include "sim_paths.hpp"

#include <cstdlib>

#ifndef TILEC_SIM_INCLUDE_DIR
#error "TILEC_SIM_INCLUDE_DIR must be defined by the build"
#endif
#ifndef TILEC_SIM_RUNTIME_DIR
#error "TILEC_SIM_RUNTIME_DIR must be defined by the build"
#endif
#ifndef TILEC_SIM_PACKAGE_PREFIX
#error "TILEC_SIM_PACKAGE_PREFIX must be defined by the build"
#endif

namespace tilec::sim {

static std::filesystem::path fromEnvOr(const char* var, const char* builtIn) {
  if (const char* e = std::getenv(var); e && *e) return e;
  return builtIn;
}

std::filesystem::path includeDir() { return fromEnvOr("TILEC_SIM_INCLUDE_DIR", TILEC_SIM_INCLUDE_DIR); }
std::filesystem::path runtimeDir() { return fromEnvOr("TILEC_SIM_RUNTIME_DIR", TILEC_SIM_RUNTIME_DIR); }
std::filesystem::path packagePrefix() { return fromEnvOr("TILEC_SIM_PACKAGE_PREFIX", TILEC_SIM_PACKAGE_PREFIX); }

}  // namespace tilec::sim
