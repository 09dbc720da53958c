// The Tensix chips tilec targets, as far as lowering and the host plan need them.
#pragma once

#include <string>

namespace tilec::tt {

struct ArchInfo {
  std::string name;        // wormhole_b0 | blackhole
  std::string card;        // n150 | p150
  std::string sdkEnum;     // tt::ARCH spelling
  int gridX = 8, gridY = 8; // compute_with_storage_grid_size()
  int l1Bytes = 0;         // usable L1 per core for CBs (firmware and args reserved)
  int dramBanks = 12;
  int dstTilesHalfSync16 = 8; // DST tiles per acquire, 16-bit, half-sync
  double clockGHz = 1.0;
};

// Throws std::invalid_argument listing the accepted names for an unknown arch.
const ArchInfo &archInfo(const std::string &name);

} // namespace tilec::tt
