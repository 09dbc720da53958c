// `tilec run --target cuda`: the emitted kernel on a real GPU, checked against the reference
// interpreter and timed with CUDA events. executeCuda is the same launch for library callers.
#include "target/gpu/CudaDriver.h"
#include "target/gpu/DeviceBytes.h"
#include "driver/GpuTargets.h"
#include "driver/Library.h"
#include "target/gpu/Lower.h"

#include "ir/DType.h"

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <iostream>

namespace tilec::driver {

using namespace gpu;

namespace {

// What a timed run reports besides the outputs.
struct CudaTiming {
  std::string device, arch;
  double msPerLaunch = 0;
};

// Compiles, loads and launches the kernel once over `args` (outputs downloaded into them); with
// `timing`, then launches it 20 more times under CUDA events.
Execution launchOnGpu(const ir::PrimFunc &tiled, const Options &opts, const interp::SizeBindings &sizes,
                      std::vector<interp::Tensor> &args, CudaTiming *timing) {
  CudaDriver cuda;
  if (!cuda.ok()) {
    Execution e;
    e.exitCode = kInputError;
    e.diagnostics = "tilec: --target cuda needs an NVIDIA GPU: " + cuda.error() +
                    ".\n  (use --target gpu-interp to check the GPU lowering on the CPU, or `tilec compile --target "
                    "cuda` to get the source)\n";
    return e;
  }
  std::string arch = fmt::format("sm_{}{}", cuda.computeCapability(), cuda.computeCapability() == 90 ? "a" : "");
  GpuOptions gpu = GpuOptions::forArch(arch); // sm_90a: wgmma, TMA pipelines unless --no-tma
  gpu.tma = !opts.noTma;
  gpu.warpSpecialize = !opts.noWarpSpecialize;
  Kernel k = lowerForGpu(tiled, gpu);
  std::string source = printKernel(k, Dialect::Cuda, opts.file).source;
  std::string cubin = cuda.compile(source, arch);
  int64_t smem = k.sharedBytes();
  int dynamicShared = smem > 48 * 1024 ? int(smem) : 0;
  void *kernel = cuda.loadKernel(cubin, k.name, dynamicShared);

  std::vector<CudaDriver::Ptr> buffers;
  std::vector<int> sizeArgs;
  std::vector<void *> launchArgs;
  for (const interp::Tensor &t : args) {
    std::vector<uint8_t> bytes = pack(t);
    buffers.push_back(cuda.alloc(std::max<size_t>(bytes.size(), 1)));
    cuda.upload(buffers.back(), bytes.data(), bytes.size());
  }
  for (CudaDriver::Ptr &p : buffers)
    launchArgs.push_back(&p);
  for (const Var &v : k.sizeVars)
    sizeArgs.push_back(int(sizes.at(v->name)));
  for (int &s : sizeArgs)
    launchArgs.push_back(&s);
  struct alignas(64) TensorMapBytes {
    unsigned char bytes[128];
  };
  std::vector<TensorMapBytes> maps(k.tensorMaps.size()); // TMA descriptors, after the sizes
  for (size_t i = 0; i < k.tensorMaps.size(); ++i) {
    const TensorMap &m = k.tensorMaps[i];
    TensorMapGeometry g = tensorMapGeometry(k, m, sizes);
    cuda.encodeTensorMap(maps[i].bytes, int(ir::dtypeBytes(m.tensor->dtype)), m.tensor->dtype == ir::DType::BFloat16,
                         buffers[g.param], g.dims, g.strideBytes, m.box, m.swizzleBytes);
  }
  for (TensorMapBytes &m : maps)
    launchArgs.push_back(m.bytes);
  int64_t grid[3] = {1, 1, 1};
  for (size_t d = 0; d < k.grid.size(); ++d)
    grid[d] = evalIndex(k.grid[d], sizes);

  cuda.launch(kernel, grid, k.threads, dynamicShared, launchArgs, 0);
  for (int i : interp::outputParams(tiled)) {
    std::vector<uint8_t> bytes(pack(args[i]).size());
    cuda.download(bytes.data(), buffers[i], bytes.size());
    unpack(args[i], bytes);
  }
  if (timing) {
    timing->msPerLaunch = cuda.launch(kernel, grid, k.threads, dynamicShared, launchArgs, 20);
    timing->device = cuda.deviceName();
    timing->arch = arch;
  }
  for (CudaDriver::Ptr p : buffers)
    cuda.free(p);
  return {};
}

} // namespace

bool cudaAvailable() { return CudaDriver().ok(); }

Execution executeCuda(const ir::PrimFunc &tiled, const Options &opts, const interp::SizeBindings &sizes,
                      std::vector<interp::Tensor> &args) {
  return launchOnGpu(tiled, opts, sizes, args, nullptr);
}

int runCuda(const ir::PrimFunc &, const ir::PrimFunc &tiled, const Options &opts) {
  interp::SizeBindings sizes = driver::sizeBindingsFor(tiled, opts);
  std::vector<interp::Tensor> reference = interp::makeInputs(tiled, sizes, opts.seed), got = reference;
  interp::poisonWriteOnlyOutputs(tiled, got);
  CudaTiming timing;
  Execution e = launchOnGpu(tiled, opts, sizes, got, &timing);
  if (e.exitCode != kOk) {
    std::cerr << e.diagnostics;
    return e.exitCode;
  }
  interp::run(tiled, reference, sizes);
  bool pass = driver::reportComparison(tiled, reference, got);
  std::cout << fmt::format("device: {} ({}), time: {:.3f} us per launch (CUDA events, 20 launches)\n", timing.device,
                           timing.arch, timing.msPerLaunch * 1000.0);
  return pass ? driver::kOk : driver::kMismatch;
}

} // namespace tilec::driver
