// The cycle report (stderr and --report JSON) and the Chrome trace (--trace), written when the
// program exits or when the simulator stops it.
#pragma once
#include <nlohmann/json.hpp>

namespace tilec::sim::rt {

nlohmann::json buildReport(bool stoppedBySimulator);
// Prints the summary to stderr and writes $TILEC_SIM_REPORT / $TILEC_SIM_TRACE when set.
void writeReportFiles(bool stoppedBySimulator);

}  // namespace tilec::sim::rt
