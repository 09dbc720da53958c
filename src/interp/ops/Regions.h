// Tile-op operands at run time (internal to src/interp/ops). A region resolves, per execution
// (its starts depend on loop and block indices), to a Box: a base offset plus an (extent, stride)
// pair per dimension, bounds-checked once. Tile ops match the non-unit extents of their operands,
// so `A[bz, 0:64, 0:32]` fits a 64x32 tile.
#pragma once

#include "interp/Runtime.h"

#include <optional>
#include <vector>

namespace tilec::interp::detail {

struct Box {
  int64_t base = 0;
  std::vector<int64_t> extents, strides;
  int64_t numel() const;
};

// A region's starts and extents evaluated for one execution.
struct ResolvedRegion {
  std::vector<int64_t> starts, extents;
  bool inside = true; // the whole region lies inside its buffer
};

ResolvedRegion evaluate(const RegionCode &r, Slots s);
[[noreturn]] void failOutside(const RegionCode &r, const ResolvedRegion &rr, const char *role);
Box toBox(const BufferState &b, const ResolvedRegion &rr);
// Evaluates a region and checks that it lies inside its buffer.
Box resolve(const RegionCode &r, Slots s, const char *role);
// The box without its dimensions of extent 1: what tile ops match between operands.
Box nonUnit(const Box &b);

// Calls f(offsetA, offsetB) for every point of the box `extents`, walking two buffers at once
// (odometer over the outer dimensions, a tight loop over the innermost one).
template <class F>
void forEachPair(const std::vector<int64_t> &extents, const std::vector<int64_t> &stridesA,
                 const std::vector<int64_t> &stridesB, int64_t baseA, int64_t baseB, F f) {
  size_t n = extents.size();
  if (n == 0) {
    f(baseA, baseB);
    return;
  }
  for (int64_t e : extents)
    if (e == 0)
      return;
  std::vector<int64_t> idx(n, 0);
  const int64_t inner = extents[n - 1], stepA = stridesA[n - 1], stepB = stridesB[n - 1];
  while (true) {
    int64_t a = baseA, b = baseB;
    for (size_t d = 0; d + 1 < n; ++d) {
      a += idx[d] * stridesA[d];
      b += idx[d] * stridesB[d];
    }
    for (int64_t k = 0; k < inner; ++k)
      f(a + k * stepA, b + k * stepB);
    size_t d = n - 1;
    while (d > 0 && ++idx[d - 1] == extents[d - 1])
      idx[--d] = 0;
    if (d == 0)
      return;
  }
}

template <class F> void forEachOffset(const Box &box, F f) {
  forEachPair(box.extents, box.strides, box.strides, box.base, 0, [&](int64_t a, int64_t) { f(a); });
}

// A 2-D view of a region for gemm and reduce: element (r, c) at base + r*rowStride + c*colStride.
struct Matrix {
  int64_t base = 0, rows = 1, cols = 1, rowStride = 0, colStride = 0;
};

// The region's 2-D view (ir/MatrixView.h, computed here on concrete extents): its non-unit
// dimensions, padded with its trailing unit ones, a 1-D region being a single row. A located
// error when more than two dimensions are non-unit.
Matrix matrixOrFail(const RegionCode &r, Slots s, const char *role, SourceLoc loc);

} // namespace tilec::interp::detail
