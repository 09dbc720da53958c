// Simulator statistics for programs that measure the simulator itself (bench/sim_matmul).
#pragma once
#include <cstdint>

namespace tilec::sim {

struct RunStats {
  uint64_t fiberSwitches = 0;      // scheduler resumptions of kernel fibers since the process started
  uint64_t lastProgramCycles = 0;  // modeled cycles of the most recent program
  double lastMatmulUtilization = 0;
  double lastProgramWallSeconds = 0;  // host time the simulator spent running the most recent program
};

RunStats runStats();

}  // namespace tilec::sim
