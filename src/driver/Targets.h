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
  // The target's passes, in order (they run after the common passes); --print-after names them.
  std::function<std::vector<std::string>()> passNames;
  // Runs the target's passes over the kernel after the common passes (`trace` may print their
  // states or stop after one) and writes the artifacts to opts.output (a directory).
  std::function<int(const ir::PrimFunc &tiled, const Options &opts, const PassTrace &trace)> compile;
};

struct RunTarget {
  std::string name; // --target of `tilec run`
  // Runs the kernel and checks it; prints per-output lines and PASS/FAIL; returns the exit code.
  std::function<int(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const Options &opts)> run;
};

const std::vector<CompileTarget> &compileTargets();
const std::vector<RunTarget> &runTargets();

} // namespace tilec::driver
