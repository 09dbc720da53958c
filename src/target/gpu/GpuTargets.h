// The GPU backend's entries in the driver's target tables (src/driver/Targets.cpp).
#pragma once

#include "driver/Commands.h"
#include "ir/IR.h"

namespace tilec::gpu {

// `tilec compile --target cuda|hip -o DIR`: DIR/kernel.cu (kernel.hip) + DIR/launch.json.
int compileCuda(const ir::PrimFunc &tiled, const driver::Options &opts);
int compileHip(const ir::PrimFunc &tiled, const driver::Options &opts);

// `tilec run --target gpu-interp`: the lowered kernel on simulated threads vs the reference.
int runGpuInterp(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const driver::Options &opts);

// `tilec run --target cuda`: nvrtc + driver API loaded at run time; real GPU, checked and timed.
int runCuda(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const driver::Options &opts);

} // namespace tilec::gpu
