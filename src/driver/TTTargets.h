// Driver entry points of the TT backend (registered in driver/Targets.cpp).
#pragma once

#include "driver/Commands.h"
#include "driver/Targets.h"
#include "target/tt/TT.h"

namespace tilec::driver {

// --tt-api, --arch, --grid, --policy, --order, --chunk-k-tiles, --math-fidelity → TTOptions.
tt::TTOptions ttOptionsFrom(const Options &opts);
// `tilec compile FILE --target tt -o DIR`: the TT passes (Pipeline.cpp), which `trace` may print
// or stop (then nothing is returned), then the artifacts (kernels/*.cpp, host.cpp, tt.plan.json, ...).
std::optional<ArtifactFiles> ttArtifacts(const ir::PrimFunc &tiled, const Options &opts, const PassTrace &trace);
// `tilec run FILE --target tt-sim`: compile, build and run on the simulator, compare with the
// reference interpreter; exit 3 on mismatch, 4 when the simulator stopped the program.
int runTTSim(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const Options &opts);
// Compiles, builds and runs the program on the simulator over `args` (outputs read back into them).
// Its folder (Execution::workDir) is left for the caller to remove or keep.
Execution executeTTSim(const ir::PrimFunc &tiled, const Options &opts, const interp::SizeBindings &sizes,
                       std::vector<interp::Tensor> &args);

} // namespace tilec::driver
