// support/FloatBits.h, the one fp32 <-> bf16/fp16 conversion of the compiler, the simulator and
// the emitted host code: rounding to nearest even, NaN kept quiet, fp16 subnormals and overflow.
#include "support/FloatBits.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace tilec::floatbits {
namespace {

TEST(FloatBits, Bf16RoundsToNearestEven) {
  EXPECT_EQ(floatToBf16Bits(1.0f), 0x3f80);
  EXPECT_EQ(floatToBf16Bits(bitsToFloat(0x3f808000u)), 0x3f80); // tie, even stays
  EXPECT_EQ(floatToBf16Bits(bitsToFloat(0x3f818000u)), 0x3f82); // tie, odd rounds up
  EXPECT_EQ(floatToBf16Bits(bitsToFloat(0x3f808001u)), 0x3f81);
  EXPECT_EQ(bf16BitsToFloat(0xc000), -2.0f);
}

TEST(FloatBits, NaNStaysAQuietNaN) {
  // A signalling NaN whose payload is only in the low bits would truncate to infinity.
  EXPECT_EQ(floatToBf16Bits(bitsToFloat(0x7f800001u)), 0x7fc0);
  EXPECT_EQ(floatToHalfBits(bitsToFloat(0xff800001u)), 0xfe00);
  EXPECT_TRUE(std::isnan(halfBitsToFloat(0x7e00)));
  EXPECT_EQ(floatToBf16Bits(std::numeric_limits<float>::infinity()), 0x7f80);
}

TEST(FloatBits, HalfKeepsSubnormalsAndOverflowsFrom65520) {
  EXPECT_EQ(floatToHalfBits(std::ldexp(1.0f, -24)), 0x0001);
  EXPECT_EQ(floatToHalfBits(std::ldexp(1.0f, -25)), 0x0000);          // tie to even: zero
  EXPECT_EQ(floatToHalfBits(std::ldexp(3.0f, -25)), 0x0002);          // 1.5 steps: tie to even 2
  EXPECT_EQ(floatToHalfBits(std::ldexp(1023.5f, -24)), 0x0400);       // carries into the normals
  EXPECT_EQ(halfBitsToFloat(0x0001), std::ldexp(1.0f, -24));
  EXPECT_EQ(floatToHalfBits(65504.0f), 0x7bff);
  EXPECT_EQ(floatToHalfBits(65519.0f), 0x7bff);
  EXPECT_EQ(floatToHalfBits(65520.0f), 0x7c00);
  EXPECT_EQ(floatToHalfBits(-1.0f), 0xbc00);
  EXPECT_EQ(floatToHalfBits(1.0f + std::ldexp(1.0f, -11)), 0x3c00);  // tie, even stays
}

TEST(FloatBits, HalfRoundTripsEveryFiniteValue) {
  for (uint32_t h = 0; h < 0x10000; ++h)
    if ((h & 0x7c00) != 0x7c00)
      ASSERT_EQ(floatToHalfBits(halfBitsToFloat(uint16_t(h))), h) << h;
}

} // namespace
} // namespace tilec::floatbits
