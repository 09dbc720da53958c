#include "ir/IntArith.h"

#include <gtest/gtest.h>

#include <cstdint>

using namespace tilec::ir;

// Python's // and %: rounded toward minus infinity, the remainder takes the divisor's sign.
TEST(IntArith, FloorsTowardMinusInfinity) {
  EXPECT_EQ(floorDiv(7, 3), 2);
  EXPECT_EQ(floorDiv(-7, 3), -3);
  EXPECT_EQ(floorDiv(7, -3), -3);
  EXPECT_EQ(floorDiv(-7, -3), 2);
  EXPECT_EQ(floorDiv(-6, 3), -2);
  EXPECT_EQ(floorMod(7, 3), 1);
  EXPECT_EQ(floorMod(-7, 3), 2);
  EXPECT_EQ(floorMod(7, -3), -2);
  EXPECT_EQ(floorMod(-7, -3), -1);
  EXPECT_EQ(floorMod(-6, 3), 0);
}

TEST(IntArith, CheckedVersionsRefuseZeroAndOverflow) {
  EXPECT_FALSE(checkedFloorDiv(1, 0).has_value());
  EXPECT_FALSE(checkedFloorMod(1, 0).has_value());
  EXPECT_FALSE(checkedFloorDiv(INT64_MIN, -1).has_value());
  EXPECT_EQ(checkedFloorMod(INT64_MIN, -1), 0);
  EXPECT_EQ(floorDiv(INT64_MIN, -1), INT64_MIN); // wraps, as a machine does
}
