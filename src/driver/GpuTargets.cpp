#include "driver/GpuTargets.h"

#include "target/gpu/CudaDriver.h"
#include "target/gpu/Lower.h"
#include "target/gpu/Pipeline.h"
#include "target/gpu/SimtInterpreter.h"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

namespace tilec::driver {

using namespace gpu;

namespace {

// kernel.cu compiled by NVRTC exactly as `run --target cuda` compiles it, for --arch (sm_80 when
// none is given): whether the JIT path accepts a kernel is known without a GPU.
std::string nvrtcCubin(const std::string &source, const Options &opts) {
  CudaDriver cuda;
  if (!cuda.nvrtcLoaded())
    fail({}, "--cubin needs NVRTC (libnvrtc.so from the CUDA toolkit), which could not be loaded");
  return cuda.compile(source, opts.arch.rfind("sm_", 0) == 0 ? opts.arch : "sm_80");
}

std::optional<ArtifactFiles> artifactsFor(const ir::PrimFunc &tiled, const Options &opts, const PassTrace &trace,
                                          Dialect d) {
  GpuLowering state{tiled, gpuOptionsFor(opts, d)};
  if (runGpuPasses(state, trace) == PipelineEnd::Stopped)
    return std::nullopt;
  GeneratedSource g = printKernel(*state.kernel, d, std::filesystem::path(opts.file).filename().string());
  ArtifactFiles files{{d == Dialect::Cuda ? "kernel.cu" : "kernel.hip", g.source}, {"launch.json", g.launchJson}};
  if (opts.cubin)
    files["kernel.cubin"] = nvrtcCubin(g.source, opts);
  return files;
}

bool gpuArchName(const std::string &arch) { return arch.rfind("sm_", 0) == 0 || arch.rfind("gfx", 0) == 0; }

// gpu-interp lowers as `--target cuda` does (for `--arch sm_90a`, with wgmma) unless `--arch` names
// an AMD GPU with matrix cores (gfx90a, gfx942): then as `--target hip` does (MFMA, 64-lane
// wavefronts).
GpuOptions gpuInterpOptions(const Options &opts) {
  if (!gpuArchName(opts.arch))
    return GpuOptions::forDialect(Dialect::Cuda);
  if (opts.arch.rfind("gfx", 0) == 0 && opts.arch != "gfx90a" && opts.arch != "gfx942")
    fail({}, "gpu-interp: --arch " + opts.arch + " is not an AMD GPU tilec targets (gfx90a or gfx942)");
  GpuOptions o = GpuOptions::forArch(opts.arch);
  o.tma = !opts.noTma;
  o.warpSpecialize = !opts.noWarpSpecialize;
  return o;
}

} // namespace

GpuOptions gpuOptionsFor(const Options &opts, Dialect d) {
  if (!gpuArchName(opts.arch))
    return GpuOptions::forDialect(d);
  GpuOptions o = GpuOptions::forArch(opts.arch);
  if (o.dialect != d)
    fail({}, fmt::format("--arch {} is {} architecture; --target {} needs {}", opts.arch,
                         o.dialect == Dialect::Cuda ? "a CUDA" : "an AMD", d == Dialect::Cuda ? "cuda" : "hip",
                         d == Dialect::Cuda ? "sm_XY (sm_80, sm_90a)" : "gfx90a or gfx942"));
  o.tma = !opts.noTma;
  o.warpSpecialize = !opts.noWarpSpecialize;
  return o;
}

std::optional<ArtifactFiles> cudaArtifacts(const ir::PrimFunc &tiled, const Options &opts, const PassTrace &trace) {
  return artifactsFor(tiled, opts, trace, Dialect::Cuda);
}

std::optional<ArtifactFiles> hipArtifacts(const ir::PrimFunc &tiled, const Options &opts, const PassTrace &trace) {
  return artifactsFor(tiled, opts, trace, Dialect::Hip);
}

std::vector<std::string> gpuPassNames() { return gpuPasses().passNames(); }

Execution executeGpuInterp(const ir::PrimFunc &tiled, const Options &opts, const interp::SizeBindings &sizes,
                           std::vector<interp::Tensor> &args) {
  GpuOptions gpu = gpuInterpOptions(opts);
  if (opts.reportBanks && gpu.dialect == Dialect::Hip) // the model is NVIDIA's: 32-lane warps, its phases
    fail({}, "gpu-interp: --report-banks models NVIDIA shared memory; it has no AMD (LDS) model for --arch " +
                 opts.arch);
  Kernel k = lowerForGpu(tiled, gpu);
  BankReport banks;
  GlobalReport global;
  runSimt(k, args, sizes, opts.reportBanks ? &banks : nullptr, opts.reportGlobal ? &global : nullptr);
  if (opts.reportBanks) // --report-banks: shared-memory bank conflicts per access site
    std::cout << banks.format(k.name);
  if (opts.reportGlobal) // --report-global: access width and coalescing per global access site
    std::cout << global.format(k.name);
  return {};
}

int runGpuInterp(const ir::PrimFunc &, const ir::PrimFunc &tiled, const Options &opts) {
  interp::SizeBindings sizes = driver::sizeBindingsFor(tiled, opts);
  std::vector<interp::Tensor> reference = interp::makeInputs(tiled, sizes, opts.seed);
  std::vector<interp::Tensor> candidate = reference;
  interp::poisonWriteOnlyOutputs(tiled, candidate);
  interp::run(tiled, reference, sizes);
  executeGpuInterp(tiled, opts, sizes, candidate);
  return driver::reportComparison(tiled, reference, candidate) ? driver::kOk : driver::kMismatch;
}

} // namespace tilec::driver
