// Per-architecture parameters: grid, clock, memory sizes and the timing model's rates.
#pragma once
#include <cstdint>
#include <string>

namespace tilec::sim::rt {

struct ArchSpec {
  std::string name;           // "wormhole_b0" | "blackhole"
  int gridX = 8, gridY = 8;   // compute_with_storage_grid_size()
  double clockGHz = 1.0;
  uint32_t l1Size = 1464 * 1024;
  uint32_t l1UnreservedBase = 0x10000;  // first byte CBs may use (below: args, semaphores, "firmware")
  int numDramBanks = 12;
  uint32_t dramAlignment = 32;
  int numCircularBuffers = 32;
  // Timing model (cycles at clockGHz).
  double nocBytesPerCycle = 32;          // one NoC link, one direction
  double dramBytesPerCyclePerBank = 24;  // 288 GB/s / 12 banks at 1 GHz
  int nocHopCycles = 9;
  int nocBaseLatency = 40;               // request/response overhead of an L1-to-L1 transfer
  int dramLatency = 300;                 // extra latency of a DRAM access
  // Tensix L1 ports (tt-isa-documentation WormholeB0/TensixTile/L1.md, theoretical peaks): one unpacker
  // reads at most four 128-bit words per cycle; the four packers write one 128-bit word each per cycle.
  // Unpack and pack costs are the tile's L1 bytes at these rates. L1.md also gives a joint ceiling of five
  // words per cycle for both unpackers (shared ports); with it the L1-accumulate matmul port lands on the
  // published N150 BF16 HiFi2 figures (GEMM_FLOPS.md; calibration in docs/SIMULATOR.md).
  double unpackBytesPerCycle = 64;       // one unpacker (unpacker 0 -> SrcA/DST, unpacker 1 -> SrcB)
  double unpackJointBytesPerCycle = 80;   // both at once: five 128-bit words per cycle (L1.md)
  double packBytesPerCycle = 64;         // four packers x 16 B
};

const ArchSpec& archByName(const std::string& name);  // exits with a diagnostic for unknown names

}  // namespace tilec::sim::rt
