#include "driver/Targets.h"
#include "driver/GpuTargets.h"
#include "driver/TTTargets.h"
#include "target/tt/TT.h"

namespace tilec::driver {

int runInterp(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const Options &opts);

const std::vector<CompileTarget> &compileTargets() {
  static const std::vector<CompileTarget> targets = {
      // Backends add themselves here: {"cuda", gpuPassNames, compileCuda}, ...
      {"cuda", gpuPassNames, compileCuda},
      {"hip", gpuPassNames, compileHip},
      {"tt", tt::ttPassNames, compileTT},
  };
  return targets;
}

const std::vector<RunTarget> &runTargets() {
  static const std::vector<RunTarget> targets = {
      {"interp", runInterp},
      {"gpu-interp", runGpuInterp},
      {"cuda", runCuda},
      {"cuda-host", runCudaHost},
      {"tt-sim", runTTSim},
  };
  return targets;
}

} // namespace tilec::driver
