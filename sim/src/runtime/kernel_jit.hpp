// Kernel JIT: compiles each kernel source with the host C++ compiler against the simulator's device
// headers (compile-time args as -DKERNEL_COMPILE_TIME_ARGS=a,b,c, defines as -D, the API force-included
// as TT-Metalium's kernel build does), caches the shared object by content hash, loads it with dlopen.
#pragma once
#include <string>
#include <vector>

#include "program_state.hpp"

namespace tilec::sim::rt {

// Builds (in parallel) and loads every kernel of the program that has no entry yet. The program's CBs
// are compiled into data-movement kernels (constexpr get_tile_size/get_dataformat).
void compileAndLoadKernels(std::vector<KernelSpec*>& kernels, const std::vector<CircularBufferSpec>& cbs);

// Where a kernel path given to CreateKernel is found, in TT-Metalium's order: as given (absolute, or
// relative to the working directory), then under $TT_METAL_HOME, $TT_METAL_KERNEL_PATH and the
// system kernel directory /usr/share/tenstorrent/kernels/.
struct KernelLocation {
  bool found = false;
  std::string root;                   // "" (as given) or the search root it was found under
  std::vector<std::string> searched;  // every candidate tried, for the error message
};
KernelLocation resolveKernelPath(const std::string& path);

}  // namespace tilec::sim::rt
