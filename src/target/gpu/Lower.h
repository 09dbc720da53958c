// The GPU pipeline, in order (each step is one file):
//   InferFragmentLayouts.cpp  where every fragment lives (registers with a layout, or shared)
//   LowerToSimt.cpp           Tile IR -> SIMT IR: nests and tile ops onto threads, tensor cores,
//                             shuffles, cp.async pipelines (helpers in Nests.cpp, Layout.cpp)
//   InsertBarriers.cpp        __syncthreads() where threads exchange data through shared memory
//   CodegenCuda.cpp           CUDA / HIP source and launch metadata
#pragma once

#include "ir/IR.h"
#include "target/gpu/Layout.h"
#include "target/gpu/Simt.h"
#include "target/Symbols.h"

#include <string>

namespace tilec::gpu {

enum class Dialect { Cuda, Hip };

struct GpuOptions {
  Dialect dialect = Dialect::Cuda;
  bool tensorCores = true; // mma.sync + ldmatrix (sm_80+); off: scalar gemm
  bool cpAsync = true;     // cp.async multistage copies in T.Pipelined(num_stages >= 2)
  static GpuOptions forDialect(Dialect d) {
    GpuOptions o;
    o.dialect = d;
    o.tensorCores = o.cpAsync = d == Dialect::Cuda;
    return o;
  }
};

Kernel lowerToSimt(const ir::PrimFunc &f, const FragmentPlan &plan, const GpuOptions &opts);
SStmt insertBarriers(const SStmt &body);

// The whole pipeline: Tile IR after the common passes -> SIMT kernel.
Kernel lowerForGpu(const ir::PrimFunc &f, const GpuOptions &opts);

struct GeneratedSource {
  std::string source;     // kernel.cu / kernel.hip
  std::string launchJson; // launch.json
};
// Identifiers in the printed kernel are hygienic (target/Symbols.h): every variable and buffer
// gets a unique C name, never a keyword or a name reservedNames() lists.
GeneratedSource printKernel(const Kernel &k, Dialect dialect, const std::string &origin);
const target::Reserved &reservedNames(Dialect dialect);
std::string cTypeName(DType t, Dialect d);

} // namespace tilec::gpu
