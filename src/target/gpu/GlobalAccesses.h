// A model of how global memory serves one warp instruction, so gpu-interp can report, per access
// site, how wide each lane's access is and how well a warp's accesses coalesce, without a GPU
// (`tilec run --target gpu-interp --report-global`).
//
// Global memory moves data between L2 and the SMs in 32-byte sectors. A warp instruction costs the
// number of distinct sectors its active lanes touch; the ideal is the fewest sectors that can hold
// the bytes those lanes ask for, ceil(active lanes * bytes per lane / 32), reached when they read
// consecutive, sector-aligned bytes. Addresses are relative to the tensor's start: allocations are
// at least 256-byte aligned, so sector boundaries fall at the same offsets.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tilec::gpu {

struct Sectors {
  int64_t actual = 0, ideal = 0;
};

// `laneAddr[l]` is the byte offset lane l accesses (-1: not taking part), `bytesPerLane` bytes.
Sectors countSectors(const std::vector<int64_t> &laneAddr, int bytesPerLane);
// A bulk copy (TMA) reading the byte ranges [start, start + length): the sectors they touch, and
// the fewest that could hold their bytes (each range on its own: a box's rows are apart).
Sectors countBulkSectors(const std::vector<std::pair<int64_t, int64_t>> &ranges);

// One access site of a global tensor: a load, store, vector copy or cp.async source, or a TMA
// source (`bulk`: one instruction moves a whole box; `bytesPerLane` is then its row length).
struct GlobalSite {
  std::string op;     // the SOp's `what` ("" outside ops)
  std::string access; // "load A", "vector store C", "cp.async A", "TMA A", ...
  int bytesPerLane = 0;
  bool bulk = false;
  int64_t instructions = 0, sectors = 0, ideal = 0;
};

class GlobalReport {
public:
  // Adds one warp instruction at the site identified by (node, op).
  void add(const void *node, const void *op, const std::string &opName, const std::string &access,
           int bytesPerLane, const Sectors &s, bool bulk = false);
  const std::vector<GlobalSite> &sites() const { return sites_; }
  // One line per site in first-execution order: width, coalescing efficiency (ideal / actual).
  std::string format(const std::string &kernel) const;

private:
  std::vector<GlobalSite> sites_;
  std::map<std::pair<const void *, const void *>, size_t> index_;
};

} // namespace tilec::gpu
