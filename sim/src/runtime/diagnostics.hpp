// Fatal simulator diagnostics: protocol violations and deadlocks stop the program with exit code 4,
// naming the kernel's source line, the core and the RISC.
#pragma once
#include <string>

#include "tilec_sim/kernel/abi.h"

namespace tilec::sim::rt {

inline constexpr int kSimulatorStopExitCode = 4;

// Stops the program: prints "error: FILE:LINE: MESSAGE" plus the current kernel's core/RISC.
[[noreturn]] void fail(abi::Loc loc, const std::string& message);
// Same, for errors detected on the host side (no kernel source location).
[[noreturn]] void failHost(const std::string& message);
// Prints and exits with code 4 after the caller wrote a multi-line report itself.
[[noreturn]] void stopSimulation();

std::string describeLoc(abi::Loc loc);

// A protocol violation that the hardware tolerates in this run (the data it relies on is there, the
// space it writes is free): reported once per source line and the run continues. Under --strict
// (TILEC_SIM_STRICT=1 in the program's environment) it stops the run like an error.
void warn(abi::Loc loc, const std::string& message);

}  // namespace tilec::sim::rt
