// The GPU backend's entry points. The pipeline of passes is listed in Pipeline.cpp (one file per
// pass: InferFragmentLayouts.cpp, LowerToSimt.cpp with its tools in SimtLowering.h and each tile
// op in gpu/ops/<Op>.cpp, InsertBarriers.cpp); CodegenCuda.cpp prints the result as CUDA / HIP.
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
  // The matrix instruction of gemms: mma.sync + ldmatrix (CUDA, sm_80+), wgmma.mma_async (CUDA,
  // sm_90a; mma.sync where it does not fit), MFMA 16x16x16 (HIP, gfx90a / gfx942), or None: the
  // scalar nest.
  MatrixUnit matrixUnit = MatrixUnit::MmaSync;
  bool cpAsync = true;     // cp.async multistage copies in T.Pipelined(num_stages >= 2)
  bool tma = true;           // sm_90a: T.Pipelined copies into wgmma tiles as TMA + mbarriers (--no-tma: cp.async)
  bool warpSpecialize = true; // sm_90a: a TMA pipeline gets a producer warpgroup (--no-warp-specialize: not)
  bool swizzleShared = true; // XOR-swizzled ldmatrix operands (off: the plain row-major tiles, to compare)
  // T.copy of an mma / wgmma accumulator to global memory through a shared staging tile with
  // 16-byte stores (EpilogueDecision.cpp; off: the direct, narrow stores, to compare)
  bool stageEpilogue = true;
  static GpuOptions forDialect(Dialect d) {
    GpuOptions o;
    o.dialect = d;
    o.matrixUnit = d == Dialect::Cuda ? MatrixUnit::MmaSync : MatrixUnit::Mfma;
    o.cpAsync = d == Dialect::Cuda;
    return o;
  }
  // CUDA for `arch` (sm_XY; sm_90a: wgmma), HIP for gfx names; empty: CUDA's default (sm_80).
  // Throws on a name that is neither.
  static GpuOptions forArch(const std::string &arch);
};

Kernel lowerToSimt(const ir::PrimFunc &f, const FragmentPlan &plan, const GpuOptions &opts);
// `aliases`: for each shared buffer, the others that share some of its bytes (Kernel::sharedAliases).
SStmt insertBarriers(const SStmt &body, const SharedAliases &aliases = {});
// alias-shared-tiles (AliasSharedTiles.cpp): shared buffers with disjoint live ranges share bytes.
void aliasSharedTiles(Kernel &k);
// The XOR swizzle on 16-byte chunks for every 16-bit shared tile ldmatrix reads (when
// `ldmatrixTiles`), and the layout of every tile wgmma reads, applied to all of the tiles'
// accesses (SwizzleShared.cpp).
void swizzleSharedOperands(Kernel &k, bool ldmatrixTiles = true);
// sm_90a: T.Pipelined copies into tiles wgmma reads issued as TMA with one mbarrier per stage
// (TmaPipeline.cpp).
void tmaPipelines(Kernel &k);
// sm_90a: a TMA pipeline whose iterations only run wgmma keeps one iteration's wgmma group in
// flight across the next (OverlapWgmma.cpp).
void overlapWgmma(Kernel &k);
// warp-specialize (sm_90a, WarpSpecialize.cpp): the kernel's top-level TMA pipeline issued by a
// producer warpgroup of its own while the consumer warpgroups compute.
void warpSpecialize(Kernel &k);
// fence.proxy.async after every generic-proxy write to a tile wgmma reads (FenceAsyncProxy.cpp).
void fenceAsyncProxy(Kernel &k);
// T.use_swizzle: blocks launched in panels for L2 reuse (RasterizeBlocks.cpp).
void rasterizeBlocks(Kernel &k, const ir::PrimFunc &f);

// The whole pipeline (Pipeline.cpp): Tile IR after the common passes -> SIMT kernel.
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
