#include "target/gpu/GpuTargets.h"

#include <iostream>

namespace tilec::gpu {

int runCuda(const ir::PrimFunc &, const ir::PrimFunc &, const driver::Options &) {
  std::cerr << "tilec: --target cuda needs an NVIDIA GPU and driver (libcuda, libnvrtc); none found\n";
  return driver::kInputError;
}

} // namespace tilec::gpu
