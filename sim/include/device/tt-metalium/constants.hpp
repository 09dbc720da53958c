// tt-metalium/constants.hpp: tile geometry, includable from host programs and kernels alike (the SDK
// puts it on both include paths). The host headers include this file, so both sides share one copy.
#pragma once
#include <cstdint>

namespace tt::constants {
using std::uint32_t;
constexpr uint32_t TILE_HEIGHT = 32;
constexpr uint32_t TILE_WIDTH = 32;
constexpr uint32_t TILE_HW = TILE_WIDTH * TILE_HEIGHT;
constexpr uint32_t FACE_HEIGHT = 16;
constexpr uint32_t FACE_WIDTH = 16;
constexpr uint32_t FACE_HW = FACE_WIDTH * FACE_HEIGHT;
#if !defined(TILEC_SIM_API) || TILEC_SIM_API == 2025  // tt-metal v0.63.0 also had these; ttnn 0.81.1 dropped them
constexpr uint32_t BFLOAT8_B_TILE_HW = TILE_HW + 64;  // 1 byte per datum plus 64 bytes of shared exponents
constexpr uint32_t BFLOAT4_B_TILE_HW = TILE_HW / 2 + 64;
constexpr uint32_t MAX_DST_SIZE = 16;
const double DEFAULT_RTOL = 1e-4;
const double DEFAULT_ATOL = 1e-3;
const double DEFAULT_PCT_MATCHED = 1.0;
const double DEFAULT_PCC_THRESH = 0.999;
constexpr uint32_t LF_MAN_PREC = 4;
constexpr uint32_t FP16_MAN_PREC = 10;
constexpr uint32_t FP16B_MAN_PREC = 7;
#endif
}  // namespace tt::constants
