// Code generation and execution targets, as the driver sees them. Each backend adds one entry to
// the table in Targets.cpp; Commands.cpp and Library.cpp stay target-agnostic.
#pragma once

#include "driver/Commands.h"
#include "interp/Interpreter.h"
#include "ir/IR.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tilec::driver {

// Artifact file name (relative, may contain a folder: "kernels/compute.cpp") → text.
using ArtifactFiles = std::map<std::string, std::string>;

struct CompileTarget {
  std::string name; // --target of `tilec compile`
  // The target's passes, in order (they run after the common passes); --print-after names them.
  std::function<std::vector<std::string>()> passNames;
  // Runs the target's passes over the kernel after the common passes (`trace` may print their
  // states or stop after one: then nothing is returned) and returns the artifacts.
  std::function<std::optional<ArtifactFiles>(const ir::PrimFunc &tiled, const Options &opts,
                                              const PassTrace &trace)>
      artifacts;
};

// What running a kernel on one target gave, apart from the tensors it wrote.
struct Execution {
  int exitCode = kOk;      // kOk, or kSimStopped (the simulator stopped the program) / kInputError
  std::string diagnostics; // why it did not finish (the simulator's report of blocked cores, ...)
  std::string reportJson;  // tt-sim: the simulator's report (cycles, per-kernel busy); else empty
  std::string workDir;     // tt-sim: the folder of the built program (kept on failure)
};

struct RunTarget {
  std::string name; // --target of `tilec run`
  // Runs the kernel and checks it; prints per-output lines and PASS/FAIL; returns the exit code.
  std::function<int(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const Options &opts)> run;
  // Runs the kernel after the common passes on the caller's tensors (one per parameter, updated in
  // place), without checking: what `run` itself calls, and what the library (Python) calls.
  // Empty for a target that only checks (cuda-host).
  std::function<Execution(const ir::PrimFunc &tiled, const Options &opts, const interp::SizeBindings &sizes,
                          std::vector<interp::Tensor> &args)>
      execute;
};

const std::vector<CompileTarget> &compileTargets();
const std::vector<RunTarget> &runTargets();
const CompileTarget *findCompileTarget(const std::string &name);
const RunTarget *findRunTarget(const std::string &name);

} // namespace tilec::driver
