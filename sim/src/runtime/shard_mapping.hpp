// Where each page of a sharded buffer lives: which shard (the i-th core of the shard grid) and which
// page slot inside that core's shard. Pure arithmetic, following TT-Metalium's buffer page mapping for
// 2-D shard specs: the tensor is a rows x columns grid of pages;
// - height sharding hands out consecutive runs of rows*columns-per-shard pages, shard after shard;
// - width and block sharding cut the page grid into shard rectangles, numbered row by row, and a page's
//   slot is its row-major position inside the full shard rectangle (a partial shard at the right or
//   bottom edge keeps the slots of its missing pages unused).
// Header-only so that the unit tests (tests/unit/sim) check the same code the runtime uses.
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace tilec::sim::rt {

enum class ShardCut { kHeight, kWidthOrBlock };

struct ShardSlot {
  uint32_t shard;  // index into the shard grid's cores (in the shard orientation's order)
  uint32_t slot;   // page slot within the shard
};

struct ShardMapping {
  uint32_t numShards = 0;
  uint32_t slotsPerShard = 0;
  std::vector<ShardSlot> pages;  // by host page index
  std::string error;             // non-empty when the spec does not describe the buffer
};

inline ShardMapping mapShardedPages(ShardCut cut, std::array<uint32_t, 2> shardPages,
                                    std::array<uint32_t, 2> tensorPages, uint32_t numPages) {
  ShardMapping m;
  auto [sh, sw] = shardPages;
  auto [rows, cols] = tensorPages;
  if (sh == 0 || sw == 0) {
    m.error = "the shard shape holds no whole page";
    return m;
  }
  // TT-Metalium cuts the tensor grid into shards but maps only the buffer's own pages (the first
  // numPages of the grid, row by row): a grid larger than the buffer is accepted, one smaller is not.
  if (uint64_t(rows) * cols < numPages) {
    m.error = "the tensor shape in pages (" + std::to_string(rows) + " x " + std::to_string(cols) + ") holds fewer than the buffer's " +
              std::to_string(numPages) + " pages";
    return m;
  }
  m.slotsPerShard = sh * sw;
  m.pages.resize(numPages);
  if (cut == ShardCut::kHeight) {
    m.numShards = (numPages + m.slotsPerShard - 1) / m.slotsPerShard;
    for (uint32_t p = 0; p < numPages; ++p) m.pages[p] = {p / m.slotsPerShard, p % m.slotsPerShard};
    return m;
  }
  uint32_t shardCols = (cols + sw - 1) / sw;
  for (uint32_t p = 0; p < numPages; ++p) {
    uint32_t r = p / cols, c = p % cols;
    m.pages[p] = {(r / sh) * shardCols + c / sw, (r % sh) * sw + c % sw};
    m.numShards = std::max(m.numShards, m.pages[p].shard + 1);
  }
  return m;
}

}  // namespace tilec::sim::rt
