// fp32 <-> bf16 and fp32 <-> fp16 bit conversions, written once. The compiler (ir/DType.cpp) and
// the TT simulator (sim/src/runtime/tile_format.cpp) include this header, and the two host-code
// printers (gpu/CudaHostShim.cpp, tt/PrintHost.cpp) embed the text between the markers below into
// the programs they emit (CMake turns it into a string literal, support/FloatBitsText.cpp), so the
// generated host code rounds exactly as the compiler and the simulator do.
//
// Rules: round to nearest even; a NaN stays a NaN and comes out quiet; fp16 keeps subnormals (steps
// of 2^-24) and overflows to infinity from 65520 up. The embedded part needs only uint32_t/uint16_t
// and memcpy, no <cmath>, and contains no '@' (the CMake template's delimiter).
#pragma once

#include <cstdint>
#include <cstring>

namespace tilec::floatbits {

// FLOATBITS-BEGIN
inline uint32_t floatToBits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}
inline float bitsToFloat(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
// The top 16 bits of an fp32 pattern, rounded to nearest even; a NaN gets its quiet bit, since
// dropping the low mantissa bits could otherwise leave infinity.
inline uint16_t bf16FromFloatBits(uint32_t u) {
  bool nan = (u & 0x7fffffffu) > 0x7f800000u;
  return uint16_t((nan ? (u | 0x400000u) : (u + 0x7fffu + ((u >> 16) & 1u))) >> 16);
}
inline uint16_t floatToBf16Bits(float f) { return bf16FromFloatBits(floatToBits(f)); }
inline float bf16BitsToFloat(uint16_t b) { return bitsToFloat(uint32_t(b) << 16); }
// IEEE binary16, round to nearest even.
inline uint16_t floatToHalfBits(float f) {
  uint32_t x = floatToBits(f), sign = (x >> 16) & 0x8000u, a = x & 0x7fffffffu;
  if (a >= 0x7f800000u) // NaN (made quiet) or infinity
    return uint16_t(sign | (a > 0x7f800000u ? 0x7e00u : 0x7c00u));
  if (a >= 0x477ff000u) // 65520 and above round to infinity
    return uint16_t(sign | 0x7c00u);
  uint32_t h, rest, mid;
  if (a < 0x38800000u) { // below 2^-14: a subnormal, counted in steps of 2^-24
    int32_t e = int32_t(a >> 23);
    if (e < 102) // below 2^-25, half the smallest step
      return uint16_t(sign);
    uint32_t mant = 0x800000u | (a & 0x7fffffu), shift = uint32_t(126 - e);
    h = mant >> shift, rest = mant & ((1u << shift) - 1u), mid = 1u << (shift - 1u);
  } else {
    h = (((a >> 23) - 112u) << 10) | ((a & 0x7fffffu) >> 13), rest = a & 0x1fffu, mid = 0x1000u;
  }
  if (rest > mid || (rest == mid && (h & 1u))) // a carry out of the mantissa bumps the exponent
    ++h;
  return uint16_t(sign | h);
}
inline float halfBitsToFloat(uint16_t h) {
  uint32_t sign = uint32_t(h & 0x8000u) << 16, e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
  if (e == 0) // subnormal: m * 2^-24, exact in float
    return bitsToFloat(sign | floatToBits(float(m) * bitsToFloat(0x33800000u)));
  if (e == 31)
    return bitsToFloat(sign | 0x7f800000u | (m << 13));
  return bitsToFloat(sign | ((e + 112u) << 23) | (m << 13));
}
// FLOATBITS-END

} // namespace tilec::floatbits
