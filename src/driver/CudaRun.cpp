// `tilec run --target cuda`: the emitted kernel on a real GPU, checked against the reference
// interpreter and timed with CUDA events.
#include "target/gpu/CudaDriver.h"
#include "target/gpu/DeviceBytes.h"
#include "driver/GpuTargets.h"
#include "target/gpu/Lower.h"

#include "ir/DType.h"

#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <iostream>

namespace tilec::driver {

using namespace gpu;

int runCuda(const ir::PrimFunc &, const ir::PrimFunc &tiled, const Options &opts) {
  interp::SizeBindings sizes = driver::sizeBindingsFor(tiled, opts);
  Kernel k = lowerForGpu(tiled, GpuOptions::forDialect(Dialect::Cuda));
  std::string source = printKernel(k, Dialect::Cuda, opts.file).source;
  CudaDriver cuda;
  if (!cuda.ok()) {
    std::cerr << "tilec: --target cuda needs an NVIDIA GPU: " << cuda.error()
              << ".\n  (use --target gpu-interp to check the GPU lowering on the CPU, or `tilec compile --target "
                 "cuda` to get the source)\n";
    return driver::kInputError;
  }
  std::string arch = fmt::format("sm_{}{}", cuda.computeCapability(), cuda.computeCapability() == 90 ? "a" : "");
  std::string cubin = cuda.compile(source, arch);
  int64_t smem = k.sharedBytes();
  int dynamicShared = smem > 48 * 1024 ? int(smem) : 0;
  void *kernel = cuda.loadKernel(cubin, k.name, dynamicShared);

  std::vector<interp::Tensor> reference = interp::makeInputs(tiled, sizes, opts.seed), got = reference;
  std::vector<CudaDriver::Ptr> buffers;
  std::vector<int> sizeArgs;
  std::vector<void *> args;
  for (const interp::Tensor &t : got) {
    std::vector<uint8_t> bytes = pack(t);
    buffers.push_back(cuda.alloc(std::max<size_t>(bytes.size(), 1)));
    cuda.upload(buffers.back(), bytes.data(), bytes.size());
  }
  for (CudaDriver::Ptr &p : buffers)
    args.push_back(&p);
  for (const Var &v : k.sizeVars)
    sizeArgs.push_back(int(sizes.at(v->name)));
  for (int &s : sizeArgs)
    args.push_back(&s);
  int64_t grid[3] = {1, 1, 1};
  for (size_t d = 0; d < k.grid.size(); ++d)
    grid[d] = evalIndex(k.grid[d], sizes);

  cuda.launch(kernel, grid, k.threads, dynamicShared, args, 0);
  for (int i : interp::outputParams(tiled)) {
    std::vector<uint8_t> bytes(pack(got[i]).size());
    cuda.download(bytes.data(), buffers[i], bytes.size());
    unpack(got[i], bytes);
  }
  interp::run(tiled, reference, sizes);
  bool pass = driver::reportComparison(tiled, reference, got);
  double ms = cuda.launch(kernel, grid, k.threads, dynamicShared, args, 20);
  std::cout << fmt::format("device: {} ({}), time: {:.3f} us per launch (CUDA events, 20 launches)\n",
                           cuda.deviceName(), arch, ms * 1000.0);
  for (CudaDriver::Ptr p : buffers)
    cuda.free(p);
  return pass ? driver::kOk : driver::kMismatch;
}

} // namespace tilec::driver
