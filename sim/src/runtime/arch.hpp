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
};

const ArchSpec& archByName(const std::string& name);  // exits with a diagnostic for unknown names

}  // namespace tilec::sim::rt
