// The CUDA driver API and NVRTC, loaded with dlopen at run time: the build never links CUDA, and
// a machine without a GPU gets a clear message instead of a loader error.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tilec::gpu {

class CudaDriver {
public:
  using Ptr = unsigned long long; // CUdeviceptr

  // Loads libnvrtc and libcuda and opens the first device's primary context. On failure,
  // `ok()` is false and `error()` says what is missing.
  CudaDriver();
  ~CudaDriver();
  bool nvrtcLoaded() const { return nvrtc_ != nullptr; }
  bool ok() const { return error_.empty(); }
  const std::string &error() const { return error_; }
  std::string deviceName() const { return deviceName_; }
  int computeCapability() const { return cc_; }

  // Compiles CUDA source with NVRTC for `arch` (e.g. "sm_80"); returns a cubin, throws on errors.
  std::string compile(const std::string &source, const std::string &arch);
  // Loads a cubin and returns its kernel `name`.
  void *loadKernel(const std::string &cubin, const std::string &name, int dynamicShared);

  // A TMA descriptor (CUtensorMap, the 128 bytes at `out`, 64-byte aligned) for the row-major
  // tensor at `base`: element size `elemBytes` (2: fp16 or bf16 by `bf16`, 4: fp32, 1: uint8),
  // dimensions and byte strides outermost first (as launch.json's tensor_maps), the box, and the
  // swizzle in bytes (0, 32, 64, 128). Out-of-bounds box elements read as zero. Throws on errors.
  void encodeTensorMap(void *out, int elemBytes, bool bf16, Ptr base, const std::vector<int64_t> &dims,
                       const std::vector<int64_t> &stridesBytes, const std::vector<int64_t> &box, int swizzleBytes);

  Ptr alloc(size_t bytes);
  void free(Ptr p);
  void upload(Ptr dst, const void *src, size_t bytes);
  void download(void *dst, Ptr src, size_t bytes);
  // Launches and returns the average time of `repeats` launches in milliseconds (events).
  double launch(void *kernel, const int64_t grid[3], int threads, int dynamicShared, std::vector<void *> &args,
                int repeats);
  void synchronize();
  // Average milliseconds of `repeats` calls of `body` (which enqueues GPU work), by CUDA events.
  double timeMs(const std::function<void()> &body, int repeats);
  // Any symbol of a library that the bench wants (cuBLAS); nullptr when absent.
  static void *openLibrary(const std::vector<std::string> &names);
  static void *symbol(void *lib, const char *name);

private:
  void check(int result, const char *what);
  void *nvrtc_ = nullptr, *cuda_ = nullptr, *ctx_ = nullptr, *module_ = nullptr;
  int device_ = 0, cc_ = 0;
  std::string error_, deviceName_;
};

} // namespace tilec::gpu
