// Host tilize helpers: row-major <-> 32x32 tiles of four 16x16 faces (the layout the FPU expects).
#pragma once
#include <cstdint>
#include <vector>

enum class TensorLayoutType { LIN_ROW_MAJOR = 0, TILED_SWIZZLED = 1, TILED_NFACES = 2 };

namespace tilec::sim::host {
// Offset of element (r, c) of a 32x32 tile within the tile, in the four-face layout.
inline uint32_t faceOffset(uint32_t r, uint32_t c) { return ((r / 16) * 2 + (c / 16)) * 256 + (r % 16) * 16 + (c % 16); }
}  // namespace tilec::sim::host

template <typename T>
std::vector<T> tilize_nfaces(const std::vector<T>& in, uint32_t m, uint32_t n) {
  std::vector<T> out(in.size());
  uint32_t tilesPerRow = n / 32;
  for (uint32_t r = 0; r < m; ++r)
    for (uint32_t c = 0; c < n; ++c) {
      uint32_t tile = (r / 32) * tilesPerRow + c / 32;
      out[tile * 1024 + tilec::sim::host::faceOffset(r % 32, c % 32)] = in[r * n + c];
    }
  return out;
}
template <typename T>
std::vector<T> untilize_nfaces(const std::vector<T>& in, uint32_t m, uint32_t n) {
  std::vector<T> out(in.size());
  uint32_t tilesPerRow = n / 32;
  for (uint32_t r = 0; r < m; ++r)
    for (uint32_t c = 0; c < n; ++c) {
      uint32_t tile = (r / 32) * tilesPerRow + c / 32;
      out[r * n + c] = in[tile * 1024 + tilec::sim::host::faceOffset(r % 32, c % 32)];
    }
  return out;
}
// 2024 in-place spellings.
template <typename T>
void tilize(std::vector<T>& data, uint32_t m, uint32_t n) { data = tilize_nfaces(data, m, n); }
template <typename T>
void untilize(std::vector<T>& data, uint32_t m, uint32_t n) { data = untilize_nfaces(data, m, n); }
