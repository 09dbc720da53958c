// The GPU pipeline's state and passes (listed in order in Pipeline.cpp): the Tile IR kernel after
// the common passes goes in, a SIMT kernel for the CUDA/HIP printer comes out.
#pragma once

#include "support/PassManager.h"
#include "target/gpu/Lower.h"

#include <optional>
#include <string>

namespace tilec::gpu {

// What the GPU passes have decided so far about one kernel.
struct GpuLowering {
  const ir::PrimFunc &func; // after the common passes; not changed by the GPU passes
  GpuOptions options;
  bool fragmentsInferred = false;
  FragmentPlan fragments{};       // infer-fragment-layouts
  std::optional<Kernel> kernel{}; // lower-to-simt, then rewritten by the later passes
};

using GpuPipeline = Pipeline<GpuLowering>;

// infer-fragment-layouts → lower-to-simt → insert-barriers.
GpuPipeline gpuPasses();

// Runs the GPU passes over `f`; the trace may stop them early (then the kernel may be missing).
PipelineEnd runGpuPasses(GpuLowering &state, const PassTrace &trace);

// PrintSimt.cpp: the state as text (fragment plan, then the SIMT kernel once there is one).
std::string printGpuLowering(const GpuLowering &state);
std::string printFragmentPlan(const ir::PrimFunc &f, const FragmentPlan &plan);
std::string printSimt(const Kernel &k);

} // namespace tilec::gpu
