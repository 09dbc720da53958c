#include "arch.hpp"

#include <cstdio>
#include <cstdlib>

namespace tilec::sim::rt {

static ArchSpec makeWormhole() {
  ArchSpec a;
  a.name = "wormhole_b0";
  return a;  // defaults are Wormhole n150
}

static ArchSpec makeBlackhole() {
  ArchSpec a;
  a.name = "blackhole";
  a.gridX = 13;  // p150 grid as in the GEMM tech report (pre-2026 firmware)
  a.gridY = 10;
  a.clockGHz = 1.35;
  a.l1Size = 1536 * 1024;
  a.numDramBanks = 8;
  a.dramAlignment = 64;
  a.numCircularBuffers = 64;
  a.nocBytesPerCycle = 64;
  a.dramBytesPerCyclePerBank = 512.0 / 1.35 / 8;  // 512 GB/s over 8 banks
  // No published port figures for Blackhole's L1; P150 reaches 88% at BF16 HiFi2 (GEMM_FLOPS.md), so its
  // unpackers keep up with HiFi2 math: modeled at twice Wormhole's rates (an assumption, see SIMULATOR.md).
  a.unpackBytesPerCycle = 128;
  a.unpackJointBytesPerCycle = 256;
  a.packBytesPerCycle = 128;
  return a;
}

const ArchSpec& archByName(const std::string& name) {
  static const ArchSpec wormhole = makeWormhole();
  static const ArchSpec blackhole = makeBlackhole();
  if (name.empty() || name == "wormhole_b0" || name == "wormhole") return wormhole;
  if (name == "blackhole") return blackhole;
  std::fprintf(stderr, "tilec-sim: error: unknown arch '%s' (expected wormhole_b0 or blackhole)\n", name.c_str());
  std::exit(2);
}

}  // namespace tilec::sim::rt
