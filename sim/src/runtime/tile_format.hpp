// Tile storage formats: 32x32 tiles of four 16x16 faces in L1; conversion between a tile in L1 (bf16,
// fp16, fp32, int32, uint32, uint8) and the simulator's row-major fp32 working tile, with round-to-nearest-even on pack.
#pragma once
#include <cstdint>

#include "tilec_sim/host/types.hpp"

namespace tilec::sim::rt {

using Tile = float[1024];

inline uint32_t faceOffset(uint32_t r, uint32_t c) { return ((r >> 4) * 2 + (c >> 4)) * 256 + (r & 15) * 16 + (c & 15); }

float bf16ToFloat(uint16_t v);
uint16_t floatToBf16(float f);  // round to nearest even
float fp16ToFloat(uint16_t v);
uint16_t floatToFp16(float f);  // round to nearest even
float roundToBf16(float f);
// roundToBf16 over a whole 32x32 tile, written to vectorise (it runs after every DST write).
void roundTileToBf16(float* tile);
// Every element of a tile rounded to IEEE binary16 (DST in 16-bit mode holding Float16 data).
void roundTileToFp16(float* tile);

bool formatSupported(tt::DataFormat f);
// L1 tile (face layout, format f) -> row-major fp32.
void unpackTile(const uint8_t* src, tt::DataFormat f, float* out);
// Row-major fp32 -> L1 tile (face layout, format f); accumulate adds to what is there (packer L1 acc).
void packTile(const float* in, tt::DataFormat f, uint8_t* dst, bool accumulate);
// A row-major element of a face-layout tile in L1 (used by tilize/untilize).
float loadElement(const uint8_t* base, tt::DataFormat f, uint32_t index);
void storeElement(uint8_t* base, tt::DataFormat f, uint32_t index, float v);

}  // namespace tilec::sim::rt
