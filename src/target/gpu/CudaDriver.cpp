#include "target/gpu/CudaDriver.h"

#include "support/Diagnostics.h"

#include <fmt/format.h>

#include <dlfcn.h>

#include <cstdlib>

namespace tilec::gpu {

namespace {

// The handful of driver / NVRTC entry points used, with their C signatures.
using CuInit = int (*)(unsigned);
using CuDeviceGetCount = int (*)(int *);
using CuDeviceGet = int (*)(int *, int);
using CuDeviceGetAttribute = int (*)(int *, int, int);
using CuDeviceGetName = int (*)(char *, int, int);
using CuPrimaryCtxRetain = int (*)(void **, int);
using CuCtxSetCurrent = int (*)(void *);
using CuModuleLoadData = int (*)(void **, const void *);
using CuModuleGetFunction = int (*)(void **, void *, const char *);
using CuFuncSetAttribute = int (*)(void *, int, int);
using CuMemAlloc = int (*)(unsigned long long *, size_t);
using CuMemFree = int (*)(unsigned long long);
using CuMemcpyHtoD = int (*)(unsigned long long, const void *, size_t);
using CuMemcpyDtoH = int (*)(void *, unsigned long long, size_t);
using CuLaunchKernel = int (*)(void *, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, void *,
                               void **, void **);
using CuCtxSynchronize = int (*)();
using CuEventCreate = int (*)(void **, unsigned);
using CuEventRecord = int (*)(void *, void *);
using CuEventSynchronize = int (*)(void *);
using CuEventElapsedTime = int (*)(float *, void *, void *);
using CuGetErrorString = int (*)(int, const char **);
using CuTensorMapEncodeTiled = int (*)(void *, int, unsigned, void *, const unsigned long long *,
                                       const unsigned long long *, const unsigned *, const unsigned *, int, int, int,
                                       int);

using NvrtcCreateProgram = int (*)(void **, const char *, const char *, int, const char *const *, const char *const *);
using NvrtcCompileProgram = int (*)(void *, int, const char *const *);
using NvrtcGetSize = int (*)(void *, size_t *);
using NvrtcGetData = int (*)(void *, char *);
using NvrtcDestroyProgram = int (*)(void **);

constexpr int kAttrComputeMajor = 75, kAttrComputeMinor = 76, kFuncMaxDynamicShared = 8;

template <class F> F fn(void *lib, const char *name) {
  void *p = CudaDriver::symbol(lib, name);
  if (!p)
    fail({}, std::string("CUDA library has no symbol ") + name);
  return reinterpret_cast<F>(p);
}

// Where cuda_fp16.h lives, for NVRTC.
std::vector<std::string> includeDirs() {
  std::vector<std::string> dirs;
  for (const char *env : {"CUDA_HOME", "CUDA_PATH"})
    if (const char *v = std::getenv(env))
      dirs.push_back(std::string(v) + "/include");
  dirs.push_back("/usr/local/cuda/include");
  dirs.push_back("/usr/include");
  return dirs;
}

} // namespace

void *CudaDriver::openLibrary(const std::vector<std::string> &names) {
  for (const std::string &n : names)
    if (void *h = dlopen(n.c_str(), RTLD_NOW | RTLD_LOCAL))
      return h;
  return nullptr;
}

void *CudaDriver::symbol(void *lib, const char *name) { return lib ? dlsym(lib, name) : nullptr; }

CudaDriver::CudaDriver() {
  nvrtc_ = openLibrary({"libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12", "/usr/local/cuda/lib64/libnvrtc.so"});
  cuda_ = openLibrary({"libcuda.so.1", "libcuda.so"});
  if (!cuda_) {
    error_ = "no NVIDIA driver found (libcuda.so.1 could not be loaded)";
    return;
  }
  if (fn<CuInit>(cuda_, "cuInit")(0) != 0) {
    error_ = "the NVIDIA driver is installed but cuInit failed (no usable GPU?)";
    return;
  }
  int count = 0;
  fn<CuDeviceGetCount>(cuda_, "cuDeviceGetCount")(&count);
  if (count == 0) {
    error_ = "no CUDA device found";
    return;
  }
  fn<CuDeviceGet>(cuda_, "cuDeviceGet")(&device_, 0);
  int major = 0, minor = 0;
  fn<CuDeviceGetAttribute>(cuda_, "cuDeviceGetAttribute")(&major, kAttrComputeMajor, device_);
  fn<CuDeviceGetAttribute>(cuda_, "cuDeviceGetAttribute")(&minor, kAttrComputeMinor, device_);
  cc_ = major * 10 + minor;
  char name[256] = {};
  fn<CuDeviceGetName>(cuda_, "cuDeviceGetName")(name, sizeof name, device_);
  deviceName_ = name;
  check(fn<CuPrimaryCtxRetain>(cuda_, "cuDevicePrimaryCtxRetain")(&ctx_, device_), "cuDevicePrimaryCtxRetain");
  check(fn<CuCtxSetCurrent>(cuda_, "cuCtxSetCurrent")(ctx_), "cuCtxSetCurrent");
  if (!nvrtc_)
    error_ = "NVRTC (libnvrtc.so) not found";
}

CudaDriver::~CudaDriver() {
  // The primary context and module live until the process exits; libraries stay loaded.
}

void CudaDriver::check(int result, const char *what) {
  if (result == 0)
    return;
  const char *msg = "unknown error";
  if (auto get = reinterpret_cast<CuGetErrorString>(symbol(cuda_, "cuGetErrorString")))
    get(result, &msg);
  fail({}, fmt::format("CUDA: {} failed: {} ({})", what, msg, result));
}

std::string CudaDriver::compile(const std::string &source, const std::string &arch) {
  if (!nvrtc_)
    fail({}, "NVRTC (libnvrtc.so) not found");
  void *prog = nullptr;
  if (fn<NvrtcCreateProgram>(nvrtc_, "nvrtcCreateProgram")(&prog, source.c_str(), "kernel.cu", 0, nullptr, nullptr))
    fail({}, "nvrtcCreateProgram failed");
  std::vector<std::string> opts = {"--gpu-architecture=" + arch, "-std=c++17", "-default-device"};
  for (const std::string &d : includeDirs())
    opts.push_back("--include-path=" + d);
  std::vector<const char *> cOpts;
  for (const std::string &o : opts)
    cOpts.push_back(o.c_str());
  int rc = fn<NvrtcCompileProgram>(nvrtc_, "nvrtcCompileProgram")(prog, int(cOpts.size()), cOpts.data());
  size_t logSize = 0;
  fn<NvrtcGetSize>(nvrtc_, "nvrtcGetProgramLogSize")(prog, &logSize);
  std::string log(logSize, '\0');
  fn<NvrtcGetData>(nvrtc_, "nvrtcGetProgramLog")(prog, log.data());
  while (!log.empty() && log.back() == '\0') // the size counts the terminating NUL
    log.pop_back();
  if (rc != 0) {
    fn<NvrtcDestroyProgram>(nvrtc_, "nvrtcDestroyProgram")(&prog);
    fail({}, "NVRTC could not compile the generated kernel:\n" + log);
  }
  size_t size = 0;
  fn<NvrtcGetSize>(nvrtc_, "nvrtcGetCUBINSize")(prog, &size);
  std::string cubin(size, '\0');
  fn<NvrtcGetData>(nvrtc_, "nvrtcGetCUBIN")(prog, cubin.data());
  fn<NvrtcDestroyProgram>(nvrtc_, "nvrtcDestroyProgram")(&prog);
  return cubin;
}

void *CudaDriver::loadKernel(const std::string &cubin, const std::string &name, int dynamicShared) {
  check(fn<CuModuleLoadData>(cuda_, "cuModuleLoadData")(&module_, cubin.data()), "cuModuleLoadData");
  void *f = nullptr;
  check(fn<CuModuleGetFunction>(cuda_, "cuModuleGetFunction")(&f, module_, name.c_str()), "cuModuleGetFunction");
  if (dynamicShared > 0)
    check(fn<CuFuncSetAttribute>(cuda_, "cuFuncSetAttribute")(f, kFuncMaxDynamicShared, dynamicShared),
          "cuFuncSetAttribute(max dynamic shared memory)");
  return f;
}

CudaDriver::Ptr CudaDriver::alloc(size_t bytes) {
  Ptr p = 0;
  check(fn<CuMemAlloc>(cuda_, "cuMemAlloc_v2")(&p, bytes), "cuMemAlloc");
  return p;
}

void CudaDriver::free(Ptr p) { fn<CuMemFree>(cuda_, "cuMemFree_v2")(p); }

void CudaDriver::upload(Ptr dst, const void *src, size_t bytes) {
  check(fn<CuMemcpyHtoD>(cuda_, "cuMemcpyHtoD_v2")(dst, src, bytes), "cuMemcpyHtoD");
}

void CudaDriver::download(void *dst, Ptr src, size_t bytes) {
  check(fn<CuMemcpyDtoH>(cuda_, "cuMemcpyDtoH_v2")(dst, src, bytes), "cuMemcpyDtoH");
}

void CudaDriver::synchronize() { check(fn<CuCtxSynchronize>(cuda_, "cuCtxSynchronize")(), "cuCtxSynchronize"); }

double CudaDriver::launch(void *kernel, const int64_t grid[3], int threads, int dynamicShared,
                          std::vector<void *> &args, int repeats) {
  auto launchOnce = [&]() {
    check(fn<CuLaunchKernel>(cuda_, "cuLaunchKernel")(kernel, unsigned(grid[0]), unsigned(grid[1]),
                                                      unsigned(grid[2]), unsigned(threads), 1, 1,
                                                      unsigned(dynamicShared), nullptr, args.data(), nullptr),
          "cuLaunchKernel");
  };
  launchOnce(); // warm-up (and the run whose result is checked when repeats == 0)
  synchronize();
  return repeats <= 0 ? 0 : timeMs(launchOnce, repeats);
}

double CudaDriver::timeMs(const std::function<void()> &body, int repeats) {
  void *start = nullptr, *stop = nullptr;
  auto create = fn<CuEventCreate>(cuda_, "cuEventCreate");
  auto record = fn<CuEventRecord>(cuda_, "cuEventRecord");
  check(create(&start, 0), "cuEventCreate");
  check(create(&stop, 0), "cuEventCreate");
  check(record(start, nullptr), "cuEventRecord");
  for (int i = 0; i < repeats; ++i)
    body();
  check(record(stop, nullptr), "cuEventRecord");
  check(fn<CuEventSynchronize>(cuda_, "cuEventSynchronize")(stop), "cuEventSynchronize");
  float ms = 0;
  auto elapsed = reinterpret_cast<CuEventElapsedTime>(symbol(cuda_, "cuEventElapsedTime_v2"));
  if (!elapsed)
    elapsed = fn<CuEventElapsedTime>(cuda_, "cuEventElapsedTime");
  check(elapsed(&ms, start, stop), "cuEventElapsedTime");
  return ms / repeats;
}

// cuTensorMapEncodeTiled takes dimensions innermost first and the strides of all but the
// innermost dimension; element strides 1 (every element of the box), no interleave, L2 promotion
// of 128 bytes (CUTLASS's choice for tiles of this size), zero fill out of bounds.
void CudaDriver::encodeTensorMap(void *out, int elemBytes, bool bf16, Ptr base, const std::vector<int64_t> &dims,
                                 const std::vector<int64_t> &stridesBytes, const std::vector<int64_t> &box,
                                 int swizzleBytes) {
  constexpr int kUint8 = 0, kFloat16 = 6, kFloat32 = 7, kBfloat16 = 9, kL2Promotion128B = 2;
  int type = elemBytes == 1 ? kUint8 : elemBytes == 4 ? kFloat32 : bf16 ? kBfloat16 : kFloat16;
  int swizzle = swizzleBytes == 128 ? 3 : swizzleBytes == 64 ? 2 : swizzleBytes == 32 ? 1 : 0;
  size_t rank = dims.size();
  std::vector<unsigned long long> d, strides;
  std::vector<unsigned> b, ones(rank, 1);
  for (size_t i = rank; i-- > 0;) {
    d.push_back(static_cast<unsigned long long>(dims[i]));
    b.push_back(static_cast<unsigned>(box[i]));
  }
  for (size_t i = rank - 1; i-- > 0;) // dimension i's stride, from the second innermost outwards
    strides.push_back(static_cast<unsigned long long>(stridesBytes[i]));
  check(fn<CuTensorMapEncodeTiled>(cuda_, "cuTensorMapEncodeTiled")(
            out, type, static_cast<unsigned>(rank), reinterpret_cast<void *>(base), d.data(), strides.data(), b.data(),
            ones.data(), 0, swizzle, kL2Promotion128B, 0),
        "cuTensorMapEncodeTiled");
}

} // namespace tilec::gpu
