#include "driver/Targets.h"
#include "driver/GpuTargets.h"
#include "driver/TTTargets.h"
#include "target/tt/TT.h"

namespace tilec::driver {

// The reference interpreter as a run target (Commands.cpp).
Execution executeInterp(const ir::PrimFunc &tiled, const Options &opts, const interp::SizeBindings &sizes,
                        std::vector<interp::Tensor> &args);

const std::vector<CompileTarget> &compileTargets() {
  static const std::vector<CompileTarget> targets = {
      // Backends add themselves here: {"cuda", gpuPassNames, cudaArtifacts}, ...
      {"cuda", gpuPassNames, cudaArtifacts},
      {"hip", gpuPassNames, hipArtifacts},
      {"tt", tt::ttPassNames, ttArtifacts},
  };
  return targets;
}

const std::vector<RunTarget> &runTargets() {
  static const std::vector<RunTarget> targets = {
      {"interp", runInterp, executeInterp},
      {"gpu-interp", runGpuInterp, executeGpuInterp},
      {"cuda", runCuda, executeCuda},
      {"cuda-host", runCudaHost, nullptr},
      {"hip-host", runHipHost, nullptr},
      {"tt-sim", runTTSim, executeTTSim},
  };
  return targets;
}

const CompileTarget *findCompileTarget(const std::string &name) {
  for (const CompileTarget &t : compileTargets())
    if (t.name == name)
      return &t;
  return nullptr;
}

const RunTarget *findRunTarget(const std::string &name) {
  for (const RunTarget &t : runTargets())
    if (t.name == name)
      return &t;
  return nullptr;
}

} // namespace tilec::driver
