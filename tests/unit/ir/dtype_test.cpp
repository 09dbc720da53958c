#include "ir/DType.h"
#include "support/FloatBits.h"

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

// float8_e4m3fn (ml_dtypes): 3 mantissa bits, smallest normal 2^-6, steps of 2^-9 below it,
// largest 448. Ties go to the even mantissa; magnitudes past 448 saturate (CUDA's SATFINITE
// conversion, which the printed code uses; ml_dtypes would give NaN).
TEST(DType, Fp8E4M3RoundsToNearestEvenAndSaturates) {
  EXPECT_EQ(parseDType("float8_e4m3fn"), DType::Float8E4M3);
  EXPECT_STREQ(dtypeName(DType::Float8E4M3), "float8_e4m3fn");
  EXPECT_EQ(roundToDType(1.0 + 1.0 / 16, DType::Float8E4M3), 1.0);         // tie → even (1.000)
  EXPECT_EQ(roundToDType(1.0 + 3.0 / 16, DType::Float8E4M3), 1.25);        // tie → even (1.010)
  EXPECT_EQ(roundToDType(1.0 + 1.0 / 15, DType::Float8E4M3), 1.125);
  EXPECT_EQ(roundToDType(448.0, DType::Float8E4M3), 448.0);
  EXPECT_EQ(roundToDType(1000.0, DType::Float8E4M3), 448.0);
  EXPECT_EQ(roundToDType(-INFINITY, DType::Float8E4M3), -448.0);
  EXPECT_TRUE(std::isnan(roundToDType(NAN, DType::Float8E4M3)));
  EXPECT_EQ(roundToDType(std::ldexp(1.0, -9), DType::Float8E4M3), std::ldexp(1.0, -9)); // smallest subnormal
  EXPECT_EQ(roundToDType(std::ldexp(1.0, -10), DType::Float8E4M3), 0.0);               // half of it: tie → 0
  EXPECT_EQ(roundToDType(3 * std::ldexp(1.0, -10), DType::Float8E4M3), std::ldexp(1.0, -8));
}

// float8_e5m2: 2 mantissa bits, smallest normal 2^-14, steps of 2^-16 below it, largest 57344.
TEST(DType, Fp8E5M2RoundsToNearestEvenAndSaturates) {
  EXPECT_EQ(parseDType("float8_e5m2"), DType::Float8E5M2);
  EXPECT_EQ(roundToDType(1.0 + 1.0 / 8, DType::Float8E5M2), 1.0);  // tie → even
  EXPECT_EQ(roundToDType(1.0 + 3.0 / 8, DType::Float8E5M2), 1.5);  // tie → even (1.10)
  EXPECT_EQ(roundToDType(57344.0, DType::Float8E5M2), 57344.0);
  EXPECT_EQ(roundToDType(70000.0, DType::Float8E5M2), 57344.0);
  EXPECT_EQ(roundToDType(std::ldexp(1.0, -16), DType::Float8E5M2), std::ldexp(1.0, -16));
}

TEST(DType, UInt8Wraps) {
  EXPECT_EQ(parseDType("uint8"), DType::UInt8);
  EXPECT_EQ(roundToDType(257.0, DType::UInt8), 1.0);
  EXPECT_EQ(roundToDType(-1.0, DType::UInt8), 255.0);
}

// The two fp8 implementations — the interpreter's (double arithmetic, here) and the bit
// conversions the emitted host code and the device byte packing use (support/FloatBits.h) — agree
// on every float in a dense sweep, and every one of the 256 patterns decodes to a value the
// interpreter keeps as it is.
TEST(DType, Fp8BitConversionsAgreeWithTheInterpreter) {
  using namespace tilec::floatbits;
  for (int i = -4000; i <= 4000; ++i) {
    float x = std::ldexp(float(i), -6) * 1.37f; // spans subnormals to past the largest values
    EXPECT_EQ(double(e4m3BitsToFloat(floatToE4M3Bits(x))), roundToDType(x, DType::Float8E4M3)) << x;
    float y = x * 200.0f;
    EXPECT_EQ(double(e5m2BitsToFloat(floatToE5M2Bits(y))), roundToDType(y, DType::Float8E5M2)) << y;
    float tiny = std::ldexp(float(i), -24);
    EXPECT_EQ(double(e4m3BitsToFloat(floatToE4M3Bits(tiny))), roundToDType(tiny, DType::Float8E4M3)) << tiny;
    EXPECT_EQ(double(e5m2BitsToFloat(floatToE5M2Bits(tiny))), roundToDType(tiny, DType::Float8E5M2)) << tiny;
  }
  for (int b = 0; b < 256; ++b) {
    float e4 = e4m3BitsToFloat(uint8_t(b)), e5 = e5m2BitsToFloat(uint8_t(b));
    if (!std::isnan(e4))
      EXPECT_EQ(roundToDType(e4, DType::Float8E4M3), double(e4)) << b;
    if (!std::isnan(e5) && !std::isinf(e5))
      EXPECT_EQ(roundToDType(e5, DType::Float8E5M2), double(e5)) << b;
  }
}
