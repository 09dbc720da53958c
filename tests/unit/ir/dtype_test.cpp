#include "ir/DType.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace tilec::ir;

TEST(DType, ParsesSpellings) {
  EXPECT_EQ(parseDType("float"), DType::Float32);
  EXPECT_EQ(parseDType("bfloat16"), DType::BFloat16);
  EXPECT_FALSE(parseDType("float128").has_value());
  EXPECT_STREQ(dtypeName(DType::Float32), "float32");
}

TEST(DType, Bf16RoundsToNearestEven) {
  // 1 + 2^-8 lies exactly between two bf16 values (1 and 1 + 2^-7): ties go to the even one, 1.
  EXPECT_EQ(roundToDType(1.0 + 1.0 / 256, DType::BFloat16), 1.0);
  // 1 + 3*2^-8 is between 1 + 2^-7 and 1 + 2^-6: tie to even mantissa (1 + 2^-6).
  EXPECT_EQ(roundToDType(1.0 + 3.0 / 256, DType::BFloat16), 1.0 + 1.0 / 64);
  EXPECT_EQ(roundToDType(1.0 + 1.5 / 256, DType::BFloat16), 1.0 + 1.0 / 128);
}

TEST(DType, Fp16RoundsToNearestEven) {
  EXPECT_EQ(roundToDType(1.0 + 1.0 / 2048, DType::Float16), 1.0); // tie → even
  EXPECT_EQ(roundToDType(1.0 + 3.0 / 2048, DType::Float16), 1.0 + 2.0 / 1024);
  EXPECT_EQ(roundToDType(70000.0, DType::Float16), INFINITY);
  EXPECT_EQ(roundToDType(65504.0, DType::Float16), 65504.0);
  // Subnormals keep their 2^-24 quantum.
  EXPECT_EQ(roundToDType(3.0 * std::ldexp(1.0, -24), DType::Float16), 3.0 * std::ldexp(1.0, -24));
}

TEST(DType, IntegersWrap) {
  EXPECT_EQ(roundToDType(130.0, DType::Int8), -126.0);
  EXPECT_EQ(roundToDType(-1.0, DType::UInt32), 4294967295.0);
}

// Out-of-range and NaN values saturate instead of hitting the UB of a plain double → int64 cast
// (UBSan's float-cast-overflow check fails this test on the old conversion).
TEST(DType, IntegersFromOutOfRangeDoublesSaturate) {
  EXPECT_EQ(roundToDType(1e30, DType::Int64), static_cast<double>(INT64_MAX));
  EXPECT_EQ(roundToDType(-1e30, DType::Int64), static_cast<double>(INT64_MIN));
  EXPECT_EQ(roundToDType(NAN, DType::Int32), 0.0);
  EXPECT_EQ(roundToDType(1e30, DType::Int32), -1.0); // INT64_MAX wrapped to 32 bits
}
