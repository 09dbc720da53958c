// The GPU backend's entries in the driver's target tables (src/driver/Targets.cpp).
#pragma once

#include "driver/Commands.h"
#include "ir/IR.h"
#include "support/PassManager.h"

namespace tilec::gpu {

// `tilec compile --target cuda|hip -o DIR`: DIR/kernel.cu (kernel.hip) + DIR/launch.json, after
// the GPU passes (Pipeline.cpp), which `trace` may print or stop.
int compileCuda(const ir::PrimFunc &tiled, const driver::Options &opts, const PassTrace &trace);
int compileHip(const ir::PrimFunc &tiled, const driver::Options &opts, const PassTrace &trace);
// The names of the GPU passes, in order (for --print-after / --stop-after).
std::vector<std::string> gpuPassNames();

// `tilec run --target gpu-interp`: the lowered kernel on simulated threads vs the reference.
int runGpuInterp(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const driver::Options &opts);

// `tilec run --target cuda`: nvrtc + driver API loaded at run time; real GPU, checked and timed.
int runCuda(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const driver::Options &opts);

} // namespace tilec::gpu
