// The global-memory sector model on hand-made warp access patterns.
#include "target/gpu/GlobalAccesses.h"

#include <gtest/gtest.h>

namespace tilec::gpu {
namespace {

std::vector<int64_t> lanes(int n, int64_t stride, int64_t start = 0) {
  std::vector<int64_t> a(32, -1);
  for (int l = 0; l < n; ++l)
    a[l] = start + stride * l;
  return a;
}

TEST(GlobalAccesses, ConsecutiveFloatsTouchFourSectors) {
  Sectors s = countSectors(lanes(32, 4), 4); // 128 contiguous bytes
  EXPECT_EQ(s.actual, 4);
  EXPECT_EQ(s.ideal, 4);
}

TEST(GlobalAccesses, SixteenByteLanesAreCoalesced) {
  Sectors s = countSectors(lanes(32, 16), 16); // 512 contiguous bytes
  EXPECT_EQ(s.actual, 16);
  EXPECT_EQ(s.ideal, 16);
}

TEST(GlobalAccesses, StridedLanesTouchOneSectorEach) {
  Sectors s = countSectors(lanes(32, 256), 4); // one float per row of a row-major matrix
  EXPECT_EQ(s.actual, 32);
  EXPECT_EQ(s.ideal, 4);
}

TEST(GlobalAccesses, MisalignedRunCostsOneMoreSector) {
  Sectors s = countSectors(lanes(32, 4, 16), 4); // 128 bytes starting mid-sector
  EXPECT_EQ(s.actual, 5);
  EXPECT_EQ(s.ideal, 4);
}

// A TMA box's rows: each contiguous range costs its own sectors; a row starting mid-sector one more.
TEST(GlobalAccesses, BulkCopyRowsCountEachRange) {
  Sectors aligned = countBulkSectors({{0, 64}, {512, 64}, {1024, 64}}); // three 64-byte rows
  EXPECT_EQ(aligned.actual, 6);
  EXPECT_EQ(aligned.ideal, 6);
  Sectors shifted = countBulkSectors({{16, 64}, {528, 64}});
  EXPECT_EQ(shifted.actual, 6);
  EXPECT_EQ(shifted.ideal, 4);
  EXPECT_EQ(countBulkSectors({{0, 0}}).actual, 0); // a row wholly outside the tensor reads nothing
}

TEST(GlobalAccesses, InactiveLanesAskForNothing) {
  Sectors s = countSectors(lanes(8, 4), 4);
  EXPECT_EQ(s.actual, 1);
  EXPECT_EQ(s.ideal, 1);
  EXPECT_EQ(countSectors(std::vector<int64_t>(32, -1), 4).actual, 0);
}

// Several lanes on one address are one access: a warp reading W[j] for four rows at once asks
// for W's 32 bytes once, not four times (the ideal must not exceed what it touches).
TEST(GlobalAccesses, BroadcastAddressCountsOnce) {
  Sectors one = countSectors(std::vector<int64_t>(32, 64), 4);
  EXPECT_EQ(one.actual, 1);
  EXPECT_EQ(one.ideal, 1);
  std::vector<int64_t> rows;
  for (int lane = 0; lane < 32; ++lane)
    rows.push_back(lane % 8 * 4); // 8 lanes a row, 4 rows reading the same 32 bytes
  Sectors s = countSectors(rows, 4);
  EXPECT_EQ(s.actual, 1);
  EXPECT_EQ(s.ideal, 1);
}

TEST(GlobalAccesses, ReportSumsPerSite) {
  GlobalReport r;
  int site = 0;
  r.add(&site, nullptr, "T.copy C_local -> C", "store C", 4, countSectors(lanes(32, 8), 4));
  r.add(&site, nullptr, "T.copy C_local -> C", "store C", 4, countSectors(lanes(32, 8), 4));
  ASSERT_EQ(r.sites().size(), 1u);
  EXPECT_EQ(r.sites()[0].instructions, 2);
  EXPECT_EQ(r.sites()[0].sectors, 16);
  EXPECT_EQ(r.sites()[0].ideal, 8);
  EXPECT_NE(r.format("k").find("store C: 4-byte lanes, 50% coalesced"), std::string::npos);
}

} // namespace
} // namespace tilec::gpu
