// The XOR swizzle of ldmatrix operands: the same results as the plain tiles, and no bank conflicts
// where the plain tiles have them (counted by gpu-interp's bank model).
#include "GpuTestKernels.h"

namespace tilec::gpu::test {
namespace {

// Extra wavefronts per access (e.g. "ldmatrix.x4 A_s") of one run of `f` lowered with `opts`.
std::map<std::string, int64_t> extraWavefronts(const PrimFunc &f, const GpuOptions &opts) {
  Kernel k = lowerForGpu(f, opts);
  std::vector<interp::Tensor> args = interp::makeInputs(f, {}, 7);
  BankReport report;
  runSimt(k, args, {}, &report);
  std::map<std::string, int64_t> extra;
  for (const BankSite &s : report.sites())
    extra[s.access] += s.extra();
  return extra;
}

GpuOptions plainTiles() {
  GpuOptions o;
  o.swizzleShared = false;
  return o;
}

TEST(SwizzledShared, PipelinedGemmHasNoConflictsWherePlainTilesHave) {
  PrimFuncPtr f = gemmKernel(64, 128, 64, 64, 128, 32, 2);
  std::map<std::string, int64_t> plain = extraWavefronts(*f, plainTiles()), swizzled = extraWavefronts(*f, {});
  // A_s rows are 64 bytes (4-way), B_s rows 256 bytes (8-way) without the swizzle.
  EXPECT_GT(plain["ldmatrix.x4 A_s"], 0);
  EXPECT_GT(plain["ldmatrix.x4.trans B_s"], 0);
  for (const char *site : {"ldmatrix.x4 A_s", "ldmatrix.x4.trans B_s", "cp.async A_s", "cp.async B_s"}) {
    ASSERT_TRUE(swizzled.count(site)) << site;
    EXPECT_EQ(swizzled[site], 0) << site;
  }
  expectMatches(*f);
}

TEST(SwizzledShared, TransposedBf16OperandsStayCorrectAndConflictFree) {
  PrimFuncPtr f = gemmKernel(64, 64, 64, 64, 64, 64, 1, DType::BFloat16, true);
  std::map<std::string, int64_t> swizzled = extraWavefronts(*f, {});
  EXPECT_EQ(swizzled["ldmatrix.x4 A_s"], 0);
  EXPECT_EQ(swizzled["ldmatrix.x4 B_s"], 0);
  expectMatches(*f);
}

TEST(SwizzledShared, PrintsTheXorAndPairedBLoads) {
  Kernel k = lowerForGpu(*gemmKernel(64, 128, 64, 64, 128, 32, 2), {});
  std::string cu = printKernel(k, Dialect::Cuda, "test").source;
  EXPECT_NE(cu.find(" ^ "), std::string::npos) << cu;
  EXPECT_NE(cu.find("ldmatrix_x4_trans(&"), std::string::npos) << cu;
  EXPECT_EQ(cu.find("ldmatrix_x2_trans(&"), std::string::npos) << cu;
}

} // namespace
} // namespace tilec::gpu::test
