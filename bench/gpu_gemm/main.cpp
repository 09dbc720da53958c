// TFLOP/s of the fp16 GEMM tilec emits for examples/gpu/gemm.py, next to cuBLAS (cublasGemmEx,
// fp16 inputs, fp32 output and accumulation) measured in the same process on the same buffers.
// Prints "skipped" and exits 0 where no GPU / driver is present.
#include "driver/Pipeline.h"
#include "frontend/Frontend.h"
#include "target/gpu/CudaDriver.h"
#include "target/gpu/Lower.h"

#include <fmt/format.h>

#include <iostream>
#include <random>

using namespace tilec;

namespace {

ir::PrimFuncPtr gemmKernel(int64_t n, SourceManager &sm) {
  const SourceFile &file = sm.load(GPU_GEMM_EXAMPLE);
  frontend::KernelRequest req{fmt::format("matmul({0}, {0}, {0}, 128, 128, 32)", n), "", {}};
  ir::PrimFuncPtr f = frontend::buildKernel(file, req, sm);
  runPipeline(driver::commonPasses(), *f, {});
  return f;
}

// cuBLAS through dlopen: C (fp32, row-major M x N) = A (fp16 M x K) @ B (fp16 K x N).
struct Cublas {
  using Create = int (*)(void **);
  using GemmEx = int (*)(void *, int, int, int, int, int, const void *, const void *, int, int, const void *,
                         int, int, const void *, void *, int, int, int, int);
  void *handle = nullptr;
  GemmEx gemmEx = nullptr;
  explicit Cublas(void *lib) {
    auto create = reinterpret_cast<Create>(gpu::CudaDriver::symbol(lib, "cublasCreate_v2"));
    gemmEx = reinterpret_cast<GemmEx>(gpu::CudaDriver::symbol(lib, "cublasGemmEx"));
    if (create)
      create(&handle);
  }
  bool ok() const { return handle && gemmEx; }
  void run(int64_t n, gpu::CudaDriver::Ptr a, gpu::CudaDriver::Ptr b, gpu::CudaDriver::Ptr c) {
    constexpr int kOpN = 0, kR16F = 2, kR32F = 0, kCompute32F = 68, kAlgoDefault = -1;
    float alpha = 1, beta = 0;
    int m = int(n);
    // Row-major C = A B is column-major C^T = B^T A^T.
    gemmEx(handle, kOpN, kOpN, m, m, m, &alpha, reinterpret_cast<void *>(b), kR16F, m,
           reinterpret_cast<void *>(a), kR16F, m, &beta, reinterpret_cast<void *>(c), kR32F, m, kCompute32F,
           kAlgoDefault);
  }
};

} // namespace

int main() {
  gpu::CudaDriver cuda;
  if (!cuda.ok()) {
    fmt::print("gpu_gemm: skipped: {}\n", cuda.error());
    return 0;
  }
  std::string arch = fmt::format("sm_{}{}", cuda.computeCapability(), cuda.computeCapability() == 90 ? "a" : "");
  void *cublasLib = gpu::CudaDriver::openLibrary({"libcublas.so", "libcublas.so.13", "libcublas.so.12"});
  Cublas cublas(cublasLib);
  fmt::print("gpu_gemm on {} ({}), fp16 inputs, fp32 accumulation and output\n", cuda.deviceName(), arch);
  fmt::print("{:>6} {:>14} {:>14} {:>8}\n", "n", "tilec TFLOP/s", "cuBLAS TFLOP/s", "ratio");
  for (int64_t n : {4096, 8192}) {
    SourceManager sm;
    ir::PrimFuncPtr f = gemmKernel(n, sm);
    gpu::Kernel k = gpu::lowerForGpu(*f, gpu::GpuOptions::forDialect(gpu::Dialect::Cuda));
    std::string src = gpu::printKernel(k, gpu::Dialect::Cuda, "gemm.py").source;
    int dynamicShared = k.sharedBytes() > 48 * 1024 ? int(k.sharedBytes()) : 0;
    void *kernel = cuda.loadKernel(cuda.compile(src, arch), k.name, dynamicShared);

    std::vector<uint16_t> host(size_t(n * n));
    std::mt19937 rng(1);
    for (uint16_t &h : host)
      h = uint16_t(0x3800 + (rng() & 0x3ff)); // fp16 values in [0.5, 1)
    gpu::CudaDriver::Ptr a = cuda.alloc(host.size() * 2), b = cuda.alloc(host.size() * 2),
                         c = cuda.alloc(host.size() * 4);
    cuda.upload(a, host.data(), host.size() * 2);
    cuda.upload(b, host.data(), host.size() * 2);
    std::vector<void *> args{&a, &b, &c};
    int64_t grid[3] = {n / 128, n / 128, 1};
    double ms = cuda.launch(kernel, grid, k.threads, dynamicShared, args, 10);
    double flops = 2.0 * double(n) * double(n) * double(n);
    double ours = flops / (ms * 1e-3) / 1e12, theirs = 0;
    if (cublas.ok()) {
      cublas.run(n, a, b, c);
      cuda.synchronize();
      theirs = flops / (cuda.timeMs([&] { cublas.run(n, a, b, c); }, 10) * 1e-3) / 1e12;
    }
    fmt::print("{:>6} {:>14.1f} {:>14} {:>8}\n", n, ours, theirs > 0 ? fmt::format("{:.1f}", theirs) : "n/a",
               theirs > 0 ? fmt::format("{:.2f}x", ours / theirs) : "n/a");
    cuda.free(a), cuda.free(b), cuda.free(c);
  }
  return 0;
}
