// The GPU pipeline, in order. Each pass lives in a file of its own:
//   infer-fragment-layouts  InferFragmentLayouts.cpp  where every fragment lives (registers with a
//                                                     layout, or shared memory)
//   lower-to-simt           LowerToSimt.cpp           Tile IR -> SIMT IR: nests and tile ops onto
//                                                     threads, tensor cores, shuffles, cp.async
//   rasterize-blocks        RasterizeBlocks.cpp       T.use_swizzle: the launched block -> (bx, by)
//                                                     in panels, for L2 reuse
//   swizzle-shared          SwizzleShared.cpp         16-byte chunks of ldmatrix operands in shared
//                                                     memory XOR-swizzled (no bank conflicts), at
//                                                     every access
//   insert-barriers         InsertBarriers.cpp        __syncthreads() where threads exchange data
//                                                     through shared memory
// The CUDA / HIP printer (CodegenCuda.cpp) then prints the SIMT kernel.
#include "target/gpu/Pipeline.h"

namespace tilec::gpu {

GpuPipeline gpuPasses() {
  return {{
              {"infer-fragment-layouts",
               [](GpuLowering &s) {
                 s.fragments = inferFragmentLayouts(s.func, s.options.matrixUnit);
                 s.fragmentsInferred = true;
               }},
              {"lower-to-simt", [](GpuLowering &s) { s.kernel = lowerToSimt(s.func, s.fragments, s.options); }},
              {"rasterize-blocks", [](GpuLowering &s) { rasterizeBlocks(*s.kernel, s.func); }},
              {"swizzle-shared",
               [](GpuLowering &s) {
                 if (s.options.swizzleShared)
                   swizzleSharedOperands(*s.kernel);
               }},
              {"insert-barriers", [](GpuLowering &s) { s.kernel->body = insertBarriers(s.kernel->body); }},
          },
          printGpuLowering};
}

PipelineEnd runGpuPasses(GpuLowering &state, const PassTrace &trace) {
  return runPipeline(gpuPasses(), state, trace);
}

Kernel lowerForGpu(const ir::PrimFunc &f, const GpuOptions &opts) {
  GpuLowering state{f, opts};
  runGpuPasses(state, {});
  return std::move(*state.kernel);
}

} // namespace tilec::gpu
