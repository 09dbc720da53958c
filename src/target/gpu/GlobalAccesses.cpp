#include "target/gpu/GlobalAccesses.h"

#include <fmt/format.h>

#include <set>

namespace tilec::gpu {

namespace {
constexpr int64_t kSectorBytes = 32;
} // namespace

// Lanes that read one address ask for its bytes once (the hardware broadcasts them), so a
// row-broadcast read such as W[j] in every row's lanes is ideal when it touches each sector once.
Sectors countSectors(const std::vector<int64_t> &laneAddr, int bytesPerLane) {
  std::set<int64_t> sectors, addresses;
  int64_t bytes = 0;
  for (int64_t a : laneAddr) {
    if (a < 0 || !addresses.insert(a).second)
      continue;
    bytes += bytesPerLane;
    for (int64_t s = a / kSectorBytes; s <= (a + bytesPerLane - 1) / kSectorBytes; ++s)
      sectors.insert(s);
  }
  return {static_cast<int64_t>(sectors.size()), (bytes + kSectorBytes - 1) / kSectorBytes};
}

Sectors countBulkSectors(const std::vector<std::pair<int64_t, int64_t>> &ranges) {
  Sectors out;
  for (auto [start, length] : ranges) {
    if (length <= 0)
      continue;
    out.actual += (start + length - 1) / kSectorBytes - start / kSectorBytes + 1;
    out.ideal += (length + kSectorBytes - 1) / kSectorBytes;
  }
  return out;
}

void GlobalReport::add(const void *node, const void *op, const std::string &opName, const std::string &access,
                       int bytesPerLane, const Sectors &s, bool bulk) {
  auto [it, fresh] = index_.try_emplace({node, op}, sites_.size());
  if (fresh)
    sites_.push_back(GlobalSite{opName, access, bytesPerLane, bulk});
  GlobalSite &site = sites_[it->second];
  site.instructions += 1;
  site.sectors += s.actual;
  site.ideal += s.ideal;
}

std::string GlobalReport::format(const std::string &kernel) const {
  std::string out = fmt::format("global memory accesses of kernel {} (32-byte sectors per warp instruction, "
                                "summed over all blocks):\n",
                                kernel);
  int64_t sectors = 0, ideal = 0;
  for (const GlobalSite &s : sites_) {
    double efficiency = s.sectors ? 100.0 * double(s.ideal) / double(s.sectors) : 100.0;
    std::string width = s.bulk ? fmt::format("bulk copy, box rows of {} bytes", s.bytesPerLane)
                               : fmt::format("{}-byte lanes", s.bytesPerLane);
    out += fmt::format("  {}: {}, {:.0f}% coalesced ({} sectors, ideal {}; {} {}) in [{}]\n", s.access, width,
                       efficiency, s.sectors, s.ideal, s.instructions, s.bulk ? "copies" : "warp instructions", s.op);
    sectors += s.sectors;
    ideal += s.ideal;
  }
  out += fmt::format("  total: {} sectors, ideal {} ({:.0f}% coalesced)\n", sectors, ideal,
                     sectors ? 100.0 * double(ideal) / double(sectors) : 100.0);
  return out;
}

} // namespace tilec::gpu
