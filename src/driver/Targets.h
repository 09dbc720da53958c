// Code generation and execution targets, as the driver sees them. Each backend adds one entry to
// the table in Targets.cpp; Commands.cpp stays target-agnostic.
#pragma once

#include "driver/Commands.h"
#include "ir/IR.h"

#include <functional>
#include <string>
#include <vector>

namespace tilec::driver {

struct CompileTarget {
  std::string name; // --target of `tilec compile`
  // Lowers the kernel after the common passes and writes artifacts to opts.output (a directory).
  std::function<int(const ir::PrimFunc &tiled, const Options &opts)> compile;
};

struct RunTarget {
  std::string name; // --target of `tilec run`
  // Runs the kernel and checks it; prints per-output lines and PASS/FAIL; returns the exit code.
  std::function<int(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const Options &opts)> run;
};

const std::vector<CompileTarget> &compileTargets();
const std::vector<RunTarget> &runTargets();

} // namespace tilec::driver
