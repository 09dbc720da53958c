// The NVRTC half of `run --target cuda` works without a GPU: the generated source compiles to a
// cubin for sm_80 at run time (skipped where libnvrtc is not installed, and under ASan, where
// NVRTC's own allocations would be reported).
#include "GpuTestKernels.h"
#include "target/gpu/CudaDriver.h"

namespace tilec::gpu::test {
namespace {

TEST(Nvrtc, CompilesGeneratedTensorCoreGemm) {
#ifdef __SANITIZE_ADDRESS__
  GTEST_SKIP() << "NVRTC is not run under AddressSanitizer";
#endif
  CudaDriver cuda;
  if (!cuda.nvrtcLoaded())
    GTEST_SKIP() << "libnvrtc not found";
  Kernel k = lowerForGpu(*gemmKernel(256, 256, 256, 128, 128, 32, 3), {});
  std::string cubin = cuda.compile(printKernel(k, Dialect::Cuda, "test").source, "sm_80");
  EXPECT_GT(cubin.size(), 1000u);
}

} // namespace
} // namespace tilec::gpu::test
