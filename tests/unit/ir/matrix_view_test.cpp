#include "ir/MatrixView.h"

#include <gtest/gtest.h>

using namespace tilec::ir;

namespace {

std::vector<Expr> ext(std::vector<int64_t> xs) {
  std::vector<Expr> out;
  for (int64_t x : xs)
    out.push_back(intImm(x));
  return out;
}

using View = std::array<int, 2>;

} // namespace

TEST(MatrixView, KeepsNonUnitDimensionsPaddedWithTrailingUnitOnes) {
  EXPECT_EQ(matrixViewDims(ext({32, 64})), (View{0, 1}));
  EXPECT_EQ(matrixViewDims(ext({1, 64, 32})), (View{1, 2}));
  EXPECT_EQ(matrixViewDims(ext({32, 1})), (View{0, 1}));
  EXPECT_EQ(matrixViewDims(ext({32, 1, 1})), (View{0, 2}));
  EXPECT_EQ(matrixViewDims(ext({64})), (View{-1, 0})); // one row
  EXPECT_EQ(matrixViewDims(ext({1})), (View{-1, 0}));
  EXPECT_FALSE(matrixViewDims(ext({2, 32, 64})).has_value());
  // A symbolic extent counts as non-unit.
  EXPECT_EQ(matrixViewDims({intImm(1), var("N"), intImm(1)}), (View{1, 2}));
}

TEST(MatrixView, ReducingTheOnlyDimensionOfAVectorReducesItsRow) {
  EXPECT_EQ(reduceViewDim(ext({64}), 0), 1);
  EXPECT_EQ(reduceViewDim(ext({1}), 0), 1);
  EXPECT_EQ(reduceRegionDim(ext({64}), 1), 0);
  EXPECT_EQ(reduceRegionDim(ext({64}), 0), -1); // the row a 1-D region lacks
}

TEST(MatrixView, TwoDimensionalRegionsReduceTheNamedDimension) {
  for (int d : {0, 1}) {
    EXPECT_EQ(reduceViewDim(ext({32, 64}), d), d);
    EXPECT_EQ(reduceViewDim(ext({32, 1}), d), d);
    EXPECT_EQ(reduceViewDim(ext({1, 64}), d), d);
    EXPECT_EQ(reduceRegionDim(ext({32, 64}), d), d);
  }
}

TEST(MatrixView, HigherRankRegionsMapOntoTheirView) {
  EXPECT_EQ(reduceViewDim(ext({1, 32, 64}), 1), 0);
  EXPECT_EQ(reduceViewDim(ext({1, 32, 64}), 2), 1);
  // Reducing a left-out unit dimension beside two non-unit ones would leave a 2-D result.
  EXPECT_FALSE(reduceViewDim(ext({1, 32, 64}), 0).has_value());
  // Beside one non-unit dimension it reduces nothing, like the unit dimension the view kept.
  EXPECT_EQ(reduceViewDim(ext({32, 1, 1}), 1), 1);
  EXPECT_EQ(reduceViewDim(ext({32, 1, 1}), 2), 1);
  EXPECT_EQ(reduceViewDim(ext({32, 1, 1}), 0), 0);
  EXPECT_FALSE(reduceViewDim(ext({2, 32, 64}), 1).has_value());
}
