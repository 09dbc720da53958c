// Page placement of sharded buffers (sim/src/runtime/shard_mapping.hpp): which shard and slot each host
// page goes to, for height, width and block sharding, including partial shards at the edges.
#include <gtest/gtest.h>

#include "../../../sim/src/runtime/shard_mapping.hpp"

using tilec::sim::rt::mapShardedPages;
using tilec::sim::rt::ShardCut;

namespace {

std::vector<std::pair<uint32_t, uint32_t>> placements(const tilec::sim::rt::ShardMapping& m) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (auto& p : m.pages) out.emplace_back(p.shard, p.slot);
  return out;
}

TEST(ShardMapping, HeightShardingHandsOutConsecutiveRuns) {
  // 4 x 2 pages, shards of 2 x 2 pages: pages 0-3 in shard 0, 4-7 in shard 1.
  auto m = mapShardedPages(ShardCut::kHeight, {2, 2}, {4, 2}, 8);
  ASSERT_TRUE(m.error.empty());
  EXPECT_EQ(m.numShards, 2u);
  EXPECT_EQ(m.slotsPerShard, 4u);
  std::vector<std::pair<uint32_t, uint32_t>> want = {{0, 0}, {0, 1}, {0, 2}, {0, 3}, {1, 0}, {1, 1}, {1, 2}, {1, 3}};
  EXPECT_EQ(placements(m), want);
}

TEST(ShardMapping, WidthShardingCutsColumns) {
  // 2 x 4 pages, shards of 2 x 1: column c is shard c, rows are its slots.
  auto m = mapShardedPages(ShardCut::kWidthOrBlock, {2, 1}, {2, 4}, 8);
  ASSERT_TRUE(m.error.empty());
  EXPECT_EQ(m.numShards, 4u);
  std::vector<std::pair<uint32_t, uint32_t>> want = {{0, 0}, {1, 0}, {2, 0}, {3, 0}, {0, 1}, {1, 1}, {2, 1}, {3, 1}};
  EXPECT_EQ(placements(m), want);
}

TEST(ShardMapping, BlockShardingNumbersShardsRowByRow) {
  // 4 x 4 pages, 2 x 2 shards: page (r, c) -> shard (r/2)*2 + c/2, slot (r%2)*2 + c%2.
  auto m = mapShardedPages(ShardCut::kWidthOrBlock, {2, 2}, {4, 4}, 16);
  ASSERT_TRUE(m.error.empty());
  EXPECT_EQ(m.numShards, 4u);
  EXPECT_EQ(m.pages[0].shard, 0u);
  EXPECT_EQ(m.pages[3].shard, 1u);
  EXPECT_EQ(m.pages[3].slot, 1u);
  EXPECT_EQ(m.pages[6].shard, 1u);
  EXPECT_EQ(m.pages[6].slot, 2u);
  EXPECT_EQ(m.pages[13].shard, 2u);
  EXPECT_EQ(m.pages[13].slot, 3u);
  EXPECT_EQ(m.pages[15].shard, 3u);
  EXPECT_EQ(m.pages[15].slot, 3u);
}

TEST(ShardMapping, PartialEdgeShardKeepsSlotsOfTheFullShape) {
  // 3 x 3 pages, 2 x 2 shards: the right column's shard holds pages at slots 0 and 2 (slots 1, 3 unused).
  auto m = mapShardedPages(ShardCut::kWidthOrBlock, {2, 2}, {3, 3}, 9);
  ASSERT_TRUE(m.error.empty());
  EXPECT_EQ(m.numShards, 4u);
  EXPECT_EQ(m.pages[2].shard, 1u);
  EXPECT_EQ(m.pages[2].slot, 0u);
  EXPECT_EQ(m.pages[5].shard, 1u);
  EXPECT_EQ(m.pages[5].slot, 2u);
  EXPECT_EQ(m.pages[8].shard, 3u);
  EXPECT_EQ(m.pages[8].slot, 0u);
}

TEST(ShardMapping, TensorShapeSmallerThanTheBufferIsAnError) {
  auto m = mapShardedPages(ShardCut::kHeight, {1, 4}, {2, 4}, 12);
  EXPECT_NE(m.error.find("holds fewer than the buffer's 12 pages"), std::string::npos);
  auto empty = mapShardedPages(ShardCut::kWidthOrBlock, {0, 4}, {4, 4}, 16);
  EXPECT_FALSE(empty.error.empty());
}

// A tensor grid larger than the buffer (as a shard spec that over-counts its rows gives): only the
// buffer's pages are mapped, the first numPages of the grid row by row, on the shards they fall in.
TEST(ShardMapping, TensorGridLargerThanTheBufferMapsOnlyTheBuffersPages) {
  auto height = mapShardedPages(ShardCut::kHeight, {2, 2}, {32, 2}, 16);
  ASSERT_TRUE(height.error.empty()) << height.error;
  EXPECT_EQ(height.numShards, 4u);
  EXPECT_EQ(height.pages[15].shard, 3u);
  EXPECT_EQ(height.pages[15].slot, 3u);
  auto block = mapShardedPages(ShardCut::kWidthOrBlock, {2, 2}, {8, 4}, 16);
  ASSERT_TRUE(block.error.empty()) << block.error;
  EXPECT_EQ(block.numShards, 4u);
  EXPECT_EQ(block.pages[5].shard, 0u);  // row 1, column 1
  EXPECT_EQ(block.pages[5].slot, 3u);
  EXPECT_EQ(block.pages[10].shard, 3u);  // row 2, column 2
  EXPECT_EQ(block.pages[10].slot, 0u);
}

}  // namespace
