// The GPU pipeline, in order. Each pass lives in a file of its own:
//   infer-fragment-layouts  InferFragmentLayouts.cpp  where every fragment lives (registers with a
//                                                     layout, or shared memory)
//   lower-to-simt           LowerToSimt.cpp           Tile IR -> SIMT IR: nests and tile ops onto
//                                                     threads, tensor cores, shuffles, cp.async
//   tma-pipeline            TmaPipeline.cpp           sm_90a: T.Pipelined copies into wgmma tiles
//                                                     as TMA (cp.async.bulk.tensor) + mbarriers
//   overlap-wgmma           OverlapWgmma.cpp          sm_90a: a TMA pipeline of wgmma only keeps each
//                                                     iteration's wgmma group in flight across the next
//   rasterize-blocks        RasterizeBlocks.cpp       T.use_swizzle: the launched block -> (bx, by)
//                                                     in panels, for L2 reuse
//   swizzle-shared          SwizzleShared.cpp         16-byte chunks of ldmatrix operands in shared
//                                                     memory XOR-swizzled (no bank conflicts), and
//                                                     wgmma operands in its descriptors' layout,
//                                                     at every access
//   fence-async-proxy       FenceAsyncProxy.cpp       fence.proxy.async after generic-proxy writes
//                                                     to tiles wgmma reads (sm_90a)
//   alias-shared-tiles      AliasSharedTiles.cpp      shared tiles with disjoint live ranges share
//                                                     bytes (the epilogue's staging tile reuses A/B)
//   insert-barriers         InsertBarriers.cpp        __syncthreads() where threads exchange data
//                                                     through shared memory
//   warp-specialize         WarpSpecialize.cpp        sm_90a: a producer warpgroup issues the TMA
//                                                     pipeline's copies, the consumers compute
// The CUDA / HIP printer (CodegenCuda.cpp) then prints the SIMT kernel.
#include "target/gpu/Pipeline.h"

#include <cctype>

namespace tilec::gpu {

GpuPipeline gpuPasses() {
  return {{
              {"infer-fragment-layouts",
               [](GpuLowering &s) {
                 s.fragments = inferFragmentLayouts(s.func, s.options.matrixUnit);
                 s.fragmentsInferred = true;
               }},
              {"lower-to-simt", [](GpuLowering &s) { s.kernel = lowerToSimt(s.func, s.fragments, s.options); }},
              {"tma-pipeline",
               [](GpuLowering &s) {
                 if (s.options.tma && s.options.matrixUnit == MatrixUnit::Wgmma)
                   tmaPipelines(*s.kernel);
               }},
              {"overlap-wgmma", [](GpuLowering &s) { overlapWgmma(*s.kernel); }},
              {"rasterize-blocks", [](GpuLowering &s) { rasterizeBlocks(*s.kernel, s.func); }},
              {"swizzle-shared", [](GpuLowering &s) { swizzleSharedOperands(*s.kernel, s.options.swizzleShared); }},
              {"fence-async-proxy", [](GpuLowering &s) { fenceAsyncProxy(*s.kernel); }},
              {"alias-shared-tiles", [](GpuLowering &s) { aliasSharedTiles(*s.kernel); }},
              {"insert-barriers",
               [](GpuLowering &s) { s.kernel->body = insertBarriers(s.kernel->body, s.kernel->sharedAliases()); }},
              {"warp-specialize",
               [](GpuLowering &s) {
                 if (s.options.warpSpecialize)
                   warpSpecialize(*s.kernel);
               }},
          },
          printGpuLowering};
}

PipelineEnd runGpuPasses(GpuLowering &state, const PassTrace &trace) {
  return runPipeline(gpuPasses(), state, trace);
}

GpuOptions GpuOptions::forArch(const std::string &arch) {
  if (arch.rfind("gfx", 0) == 0) {
    if (arch != "gfx90a" && arch != "gfx942")
      fail({}, "--arch " + arch + " is not an AMD GPU tilec targets (gfx90a or gfx942)");
    return forDialect(Dialect::Hip);
  }
  GpuOptions o = forDialect(Dialect::Cuda);
  if (arch.empty())
    return o;
  if (arch.rfind("sm_", 0) != 0 || arch.size() < 5 || !std::isdigit(static_cast<unsigned char>(arch[3])))
    fail({}, "--arch " + arch + " is not a CUDA architecture (sm_80, sm_90a, ...) or AMD GPU (gfx90a, gfx942)");
  if (arch == "sm_90a") // wgmma exists only on the arch-specific sm_90a target
    o.matrixUnit = MatrixUnit::Wgmma;
  return o;
}

Kernel lowerForGpu(const ir::PrimFunc &f, const GpuOptions &opts) {
  GpuLowering state{f, opts};
  runGpuPasses(state, {});
  return std::move(*state.kernel);
}

} // namespace tilec::gpu
