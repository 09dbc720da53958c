#include "driver/Targets.h"

namespace tilec::driver {

int runInterp(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const Options &opts);

const std::vector<CompileTarget> &compileTargets() {
  static const std::vector<CompileTarget> targets = {
      // Backends add themselves here: {"cuda", gpu::compileCuda}, ...
  };
  return targets;
}

const std::vector<RunTarget> &runTargets() {
  static const std::vector<RunTarget> targets = {
      {"interp", runInterp},
  };
  return targets;
}

} // namespace tilec::driver
