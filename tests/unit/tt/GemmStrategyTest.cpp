// The GEMM strategy is a pure choice from shapes, fidelity and where the accumulator lives.
#include "target/tt/compute/GemmStrategy.h"

#include <gtest/gtest.h>

namespace tilec::tt {
namespace {

GemmShape shape(int64_t mt, int64_t nt, int64_t kt, bool transposeB = false) {
  return {mt, nt, kt, mt * nt, transposeB};
}

TEST(TTGemmStrategy, ResidentAccumulatorTakesOneBlockOnlyWhereBlocksPay) {
  GemmPlan lofi = chooseGemmStrategy(shape(2, 2, 4), MathFidelity::LoFi, 8, true);
  EXPECT_EQ(lofi.strategy, GemmStrategy::ResidentBlock);
  EXPECT_EQ(lofi.rt, 2);
  EXPECT_EQ(lofi.ct, 2);
  EXPECT_EQ(chooseGemmStrategy(shape(2, 2, 4), MathFidelity::HiFi4, 8, true).strategy, GemmStrategy::ResidentTiles);
  // transpose_B with several columns and K tiles: DST's layout is fixed, per tile it is
  EXPECT_EQ(chooseGemmStrategy(shape(2, 2, 4, true), MathFidelity::LoFi, 8, true).strategy,
            GemmStrategy::ResidentTiles);
}

TEST(TTGemmStrategy, ChunksThatAreRectanglesOfCTakeMatmulBlock) {
  GemmPlan row = chooseGemmStrategy(shape(4, 4, 2), MathFidelity::HiFi4, 4, false); // 16 tiles, chunks of 4
  EXPECT_EQ(row.strategy, GemmStrategy::ChunkBlock);
  EXPECT_EQ(row.rt, 1);
  EXPECT_EQ(row.ct, 4);
  GemmPlan rows = chooseGemmStrategy(shape(4, 2, 2), MathFidelity::HiFi4, 8, false); // 8 tiles, one chunk
  EXPECT_EQ(rows.strategy, GemmStrategy::ChunkBlock);
  EXPECT_EQ(rows.rt, 4);
  EXPECT_EQ(rows.ct, 2);
  EXPECT_EQ(chooseGemmStrategy(shape(1, 1, 4), MathFidelity::HiFi4, 8, false).strategy, GemmStrategy::Tiles);
}

TEST(TTGemmStrategy, TransposeBTakesColumnsOfTheChunkWhereBlocksPay) {
  GemmPlan columns = chooseGemmStrategy(shape(2, 4, 2, true), MathFidelity::HiFi2, 8, false);
  EXPECT_EQ(columns.strategy, GemmStrategy::ColumnBlocks);
  EXPECT_EQ(columns.rt, 2);
  EXPECT_EQ(columns.ct, 4);
  EXPECT_EQ(chooseGemmStrategy(shape(2, 4, 2, true), MathFidelity::HiFi4, 8, false).strategy, GemmStrategy::Tiles);
}

} // namespace
} // namespace tilec::tt
