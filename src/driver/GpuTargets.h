// The GPU backend's entries in the driver's target tables (src/driver/Targets.cpp).
#pragma once

#include "driver/Commands.h"
#include "driver/Targets.h"
#include "ir/IR.h"
#include "support/PassManager.h"
#include "target/gpu/Lower.h"

namespace tilec::driver {

// How `--arch` lowers for a GPU target of dialect `d`: an sm_XY name (sm_90a: wgmma) for CUDA, a
// gfx name for HIP, anything else (the Tenstorrent default) the dialect's default. A CUDA name
// for HIP, or the reverse, is a usage error.
gpu::GpuOptions gpuOptionsFor(const Options &opts, gpu::Dialect d);

// `tilec compile --target cuda|hip`: kernel.cu (kernel.hip) + launch.json, after the GPU passes
// (Pipeline.cpp), which `trace` may print or stop (then nothing is returned).
std::optional<ArtifactFiles> cudaArtifacts(const ir::PrimFunc &tiled, const Options &opts, const PassTrace &trace);
std::optional<ArtifactFiles> hipArtifacts(const ir::PrimFunc &tiled, const Options &opts, const PassTrace &trace);
// The names of the GPU passes, in order (for --print-after / --stop-after).
std::vector<std::string> gpuPassNames();

// `tilec run --target gpu-interp`: the lowered kernel on simulated threads vs the reference.
int runGpuInterp(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const Options &opts);
// The lowered kernel on simulated threads over `args` (what runGpuInterp checks).
Execution executeGpuInterp(const ir::PrimFunc &tiled, const Options &opts, const interp::SizeBindings &sizes,
                           std::vector<interp::Tensor> &args);

// `tilec run --target cuda`: nvrtc + driver API loaded at run time; real GPU, checked and timed.
int runCuda(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const Options &opts);
// The kernel on the GPU over `args` (outputs downloaded into them); kInputError without a GPU.
Execution executeCuda(const ir::PrimFunc &tiled, const Options &opts, const interp::SizeBindings &sizes,
                      std::vector<interp::Tensor> &args);

// `tilec run --target cuda-host`: the *printed* kernel.cu compiled by the host C++ compiler against
// the CUDA emulation header (target/gpu/CudaHostShim.h), run over the whole grid, compared with the
// reference interpreter. gpu-interp checks the SIMT IR; this checks the text the printer makes of it.
int runCudaHost(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const Options &opts);
// `tilec run --target hip-host`: the same for the printed kernel.hip (MFMA, 64-lane wavefronts),
// against the header's HIP side.
int runHipHost(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const Options &opts);

} // namespace tilec::driver
