// fp32 <-> bf16, fp16 and the two fp8 formats' bit conversions, written once. The compiler (ir/DType.cpp) and
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
// 8-bit floats with `E` exponent and `M` mantissa bits: float8_e4m3fn (E=4, M=3, no infinities,
// S.1111.111 is NaN, largest 448) and float8_e5m2 (E=5, M=2, IEEE-like, largest 57344). Round to
// nearest even; magnitudes from the largest finite value up (infinity included) saturate to it, as
// CUDA's __nv_fp8 conversions (__NV_SATFINITE) do; NaN gives the all-ones pattern (a NaN in both).
inline uint8_t floatToFp8Bits(float f, int E, int M, uint8_t largestBits, float largest) {
  uint32_t x = floatToBits(f), sign = (x >> 24) & 0x80u, a = x & 0x7fffffffu;
  if (a > 0x7f800000u)
    return uint8_t(sign | 0x7fu);
  if (bitsToFloat(a) >= largest)
    return uint8_t(sign | largestBits);
  int32_t bias = (1 << (E - 1)) - 1, e = int32_t(a >> 23) - 127;
  if (a < 0x00800000u) // an fp32 subnormal is far below the smallest fp8 step
    return uint8_t(sign);
  uint32_t mant = 0x800000u | (a & 0x7fffffu);
  int32_t shift = 23 - M + (e < 1 - bias ? (1 - bias) - e : 0); // below 2^(1-bias): a subnormal
  if (shift > 24)                                                  // below half the smallest step
    return uint8_t(sign);
  uint32_t q = mant >> shift, rest = mant & ((1u << shift) - 1u), mid = 1u << (shift - 1);
  if (rest > mid || (rest == mid && (q & 1u)))
    ++q;
  if (e < 1 - bias) // q counts steps of the smallest one; 2^M of them is the smallest normal
    return uint8_t(sign | q);
  if (q == (2u << M)) // the carry made it the next power of two
    q >>= 1, ++e;
  uint32_t bits = (uint32_t(e + bias) << M) | (q & ((1u << M) - 1u));
  return uint8_t(sign | (bits > largestBits ? largestBits : bits));
}
inline float fp8BitsToFloat(uint8_t b, int E, int M, bool hasInfinity) {
  uint32_t sign = uint32_t(b & 0x80u) << 24, emax = (1u << E) - 1u;
  uint32_t e = (uint32_t(b) >> M) & emax, m = b & ((1u << M) - 1u);
  int32_t bias = (1 << (E - 1)) - 1;
  if (e == emax && (hasInfinity || m == (1u << M) - 1u))
    return bitsToFloat(sign | 0x7f800000u | (hasInfinity && m == 0 ? 0u : 0x400000u));
  if (e == 0) { // subnormal: m steps of 2^(1 - bias - M), exact in float
    float step = bitsToFloat(uint32_t(127 + 1 - bias - M) << 23);
    return bitsToFloat(sign | floatToBits(float(m) * step));
  }
  return bitsToFloat(sign | (uint32_t(int32_t(e) - bias + 127) << 23) | (m << (23 - M)));
}
inline uint8_t floatToE4M3Bits(float f) { return floatToFp8Bits(f, 4, 3, 0x7eu, 448.0f); }
inline float e4m3BitsToFloat(uint8_t b) { return fp8BitsToFloat(b, 4, 3, false); }
inline uint8_t floatToE5M2Bits(float f) { return floatToFp8Bits(f, 5, 2, 0x7bu, 57344.0f); }
inline float e5m2BitsToFloat(uint8_t b) { return fp8BitsToFloat(b, 5, 2, true); }
// FLOATBITS-END

} // namespace tilec::floatbits
