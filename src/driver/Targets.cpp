#include "driver/Targets.h"
#include "target/gpu/CudaHost.h"
#include "target/gpu/GpuTargets.h"
#include "target/tt/TTDriver.h"

namespace tilec::driver {

int runInterp(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const Options &opts);

const std::vector<CompileTarget> &compileTargets() {
  static const std::vector<CompileTarget> targets = {
      // Backends add themselves here: {"cuda", gpu::gpuPassNames, gpu::compileCuda}, ...
      {"cuda", gpu::gpuPassNames, gpu::compileCuda},
      {"hip", gpu::gpuPassNames, gpu::compileHip},
      {"tt", tt::ttPassNames, tt::compileTT},
  };
  return targets;
}

const std::vector<RunTarget> &runTargets() {
  static const std::vector<RunTarget> targets = {
      {"interp", runInterp},
      {"gpu-interp", gpu::runGpuInterp},
      {"cuda", gpu::runCuda},
      {"cuda-host", gpu::runCudaHost},
      {"tt-sim", tt::runTTSim},
  };
  return targets;
}

} // namespace tilec::driver
