// The shared-memory bank model on hand-made warp access patterns.
#include "target/gpu/BankConflicts.h"

#include <gtest/gtest.h>

namespace tilec::gpu {
namespace {

std::vector<int64_t> lanes(int n, int64_t (*addr)(int)) {
  std::vector<int64_t> a(32, -1);
  for (int l = 0; l < n; ++l)
    a[l] = addr(l);
  return a;
}

TEST(BankConflicts, ConsecutiveWordsAreConflictFree) {
  Wavefronts w = countWavefronts(lanes(32, [](int l) { return int64_t(4 * l); }), 4);
  EXPECT_EQ(w.actual, 1);
  EXPECT_EQ(w.ideal, 1);
}

TEST(BankConflicts, StrideOfTwoWordsIsTwoWay) {
  Wavefronts w = countWavefronts(lanes(32, [](int l) { return int64_t(8 * l); }), 4);
  EXPECT_EQ(w.actual, 2);
  EXPECT_EQ(w.ideal, 1);
}

TEST(BankConflicts, SameWordIsABroadcast) {
  EXPECT_EQ(countWavefronts(lanes(32, [](int) { return int64_t(64); }), 4).actual, 1);
  // Two fp16 lanes share one word: still one wavefront.
  EXPECT_EQ(countWavefronts(lanes(32, [](int l) { return int64_t(2 * l); }), 2).actual, 1);
}

TEST(BankConflicts, SixteenByteAccessesGoByQuarterWarps) {
  // 32 lanes x 16 contiguous bytes: four phases of 128 bytes, none conflicting.
  Wavefronts w = countWavefronts(lanes(32, [](int l) { return int64_t(16 * l); }), 16);
  EXPECT_EQ(w.actual, 4);
  EXPECT_EQ(w.ideal, 4);
}

TEST(BankConflicts, LdmatrixRowsOfAnUnswizzledWideTileAreEightWay) {
  // 8 row addresses of a row-major tile with 256-byte rows (B: 32 x 128 fp16): all in the same 4 banks.
  Wavefronts w = countWavefronts(lanes(8, [](int l) { return int64_t(256 * l); }), 16);
  EXPECT_EQ(w.actual, 8);
  EXPECT_EQ(w.ideal, 1);
}

TEST(BankConflicts, XorSwizzledRowsAreConflictFree) {
  // The same rows with 16-byte chunk 0 moved to chunk (row % 8).
  Wavefronts w = countWavefronts(lanes(8, [](int l) { return int64_t(256 * l + 16 * (l % 8)); }), 16);
  EXPECT_EQ(w.actual, 1);
}

TEST(BankConflicts, ReportSumsPerSite) {
  BankReport r;
  int site = 0, op = 0;
  r.add(&site, &op, "T.gemm", "ldmatrix.x2 B_s", {8, 1});
  r.add(&site, &op, "T.gemm", "ldmatrix.x2 B_s", {8, 1});
  ASSERT_EQ(r.sites().size(), 1u);
  EXPECT_EQ(r.sites()[0].extra(), 14);
  EXPECT_NE(r.format("k").find("ldmatrix.x2 B_s: 14 extra"), std::string::npos);
}

} // namespace
} // namespace tilec::gpu
