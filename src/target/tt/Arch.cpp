#include "target/tt/Arch.h"

#include <stdexcept>

namespace tilec::tt {

const ArchInfo &archInfo(const std::string &name) {
  // L1: 1464 KiB (WH) / 1536 KiB (BH) mapped per core; ~200 KiB of it belongs to firmware,
  // mailboxes and runtime args, so CBs get the rest (docs/TT_BACKEND.md, "Circular buffers").
  static const ArchInfo wormhole{"wormhole_b0", "n150", "WORMHOLE_B0", 8, 8, 1264 * 1024, 12, 8, 1.0};
  static const ArchInfo blackhole{"blackhole", "p150", "BLACKHOLE", 13, 10, 1336 * 1024, 8, 8, 1.35};
  if (name == "wormhole_b0" || name == "wormhole" || name == "n150")
    return wormhole;
  if (name == "blackhole" || name == "p150")
    return blackhole;
  throw std::invalid_argument("unknown arch '" + name + "' (expected wormhole_b0 or blackhole)");
}

} // namespace tilec::tt
