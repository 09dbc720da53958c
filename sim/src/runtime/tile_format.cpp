#include "tile_format.hpp"

#include "support/FloatBits.h"

#include <bit>
#include <cmath>
#include <algorithm>
#include <cstring>

namespace tilec::sim::rt {

// The bit conversions are the compiler's (support/FloatBits.h), so the simulator rounds exactly as
// the reference interpreter and the emitted host programs do.
float bf16ToFloat(uint16_t v) { return floatbits::bf16BitsToFloat(v); }
uint16_t floatToBf16(float f) { return floatbits::floatToBf16Bits(f); }
float roundToBf16(float f) { return bf16ToFloat(floatToBf16(f)); }
float fp16ToFloat(uint16_t h) { return floatbits::halfBitsToFloat(h); }
uint16_t floatToFp16(float f) { return floatbits::floatToHalfBits(f); }

void roundTileToBf16(float* tile) {
  uint32_t bits[1024];
  std::memcpy(bits, tile, sizeof bits);
  for (int i = 0; i < 1024; ++i) bits[i] = uint32_t(floatbits::bf16FromFloatBits(bits[i])) << 16;
  std::memcpy(tile, bits, sizeof bits);
}

void roundTileToFp16(float* tile) {
  for (int i = 0; i < 1024; ++i) tile[i] = fp16ToFloat(floatToFp16(tile[i]));
}

bool formatSupported(tt::DataFormat f) {
  return f == tt::DataFormat::Float16_b || f == tt::DataFormat::Float16 || f == tt::DataFormat::Float32 ||
         f == tt::DataFormat::UInt32 || f == tt::DataFormat::Int32 || f == tt::DataFormat::UInt8;
}

float loadElement(const uint8_t* base, tt::DataFormat f, uint32_t i) {
  switch (f) {
    case tt::DataFormat::Float32: { float v; std::memcpy(&v, base + 4 * i, 4); return v; }
    case tt::DataFormat::Int32: { int32_t v; std::memcpy(&v, base + 4 * i, 4); return float(v); }
    case tt::DataFormat::UInt32: { uint32_t v; std::memcpy(&v, base + 4 * i, 4); return float(v); }
    case tt::DataFormat::UInt8: return float(base[i]);
    case tt::DataFormat::Float16: { uint16_t v; std::memcpy(&v, base + 2 * i, 2); return fp16ToFloat(v); }
    default: { uint16_t v; std::memcpy(&v, base + 2 * i, 2); return bf16ToFloat(v); }
  }
}

void storeElement(uint8_t* base, tt::DataFormat f, uint32_t i, float v) {
  switch (f) {
    case tt::DataFormat::Float32: std::memcpy(base + 4 * i, &v, 4); break;
    case tt::DataFormat::Int32: { int32_t x = int32_t(std::nearbyint(v)); std::memcpy(base + 4 * i, &x, 4); break; }
    case tt::DataFormat::UInt32: { uint32_t x = uint32_t(std::nearbyint(v)); std::memcpy(base + 4 * i, &x, 4); break; }
    case tt::DataFormat::UInt8: base[i] = uint8_t(std::clamp(std::nearbyint(v), 0.0f, 255.0f)); break;
    case tt::DataFormat::Float16: { uint16_t x = floatToFp16(v); std::memcpy(base + 2 * i, &x, 2); break; }
    default: { uint16_t x = floatToBf16(v); std::memcpy(base + 2 * i, &x, 2); break; }
  }
}

void unpackTile(const uint8_t* src, tt::DataFormat f, float* out) {
  if (f == tt::DataFormat::Float16_b) {  // hot path: matmul operands
    const uint16_t* s = reinterpret_cast<const uint16_t*>(src);
    for (uint32_t face = 0; face < 4; ++face) {
      uint32_t r0 = (face >> 1) * 16, c0 = (face & 1) * 16;
      for (uint32_t r = 0; r < 16; ++r)
        for (uint32_t c = 0; c < 16; ++c)
          out[(r0 + r) * 32 + c0 + c] = std::bit_cast<float>(uint32_t(s[face * 256 + r * 16 + c]) << 16);
    }
    return;
  }
  for (uint32_t r = 0; r < 32; ++r)
    for (uint32_t c = 0; c < 32; ++c) out[r * 32 + c] = loadElement(src, f, faceOffset(r, c));
}

void packTile(const float* in, tt::DataFormat f, uint8_t* dst, bool accumulate) {
  if (f == tt::DataFormat::Float16_b && !accumulate) {  // hot path: every matmul output and partial
    uint16_t out[1024];
    for (uint32_t face = 0; face < 4; ++face) {
      uint32_t r0 = (face >> 1) * 16, c0 = (face & 1) * 16;
      for (uint32_t r = 0; r < 16; ++r)
        for (uint32_t c = 0; c < 16; ++c)
          out[face * 256 + r * 16 + c] = floatbits::bf16FromFloatBits(std::bit_cast<uint32_t>(in[(r0 + r) * 32 + c0 + c]));
    }
    std::memcpy(dst, out, sizeof out);
    return;
  }
  for (uint32_t r = 0; r < 32; ++r)
    for (uint32_t c = 0; c < 32; ++c) {
      uint32_t i = faceOffset(r, c);
      float v = in[r * 32 + c];
      if (accumulate) v += loadElement(dst, f, i);
      storeElement(dst, f, i, v);
    }
}

}  // namespace tilec::sim::rt
