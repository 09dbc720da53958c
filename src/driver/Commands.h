// The `compile` and `run` subcommands.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "interp/Interpreter.h"
#include "ir/IR.h"
#include "support/Diagnostics.h"
#include "support/PassManager.h"

namespace tilec::driver {

enum ExitCode { kOk = 0, kInputError = 1, kUsageError = 2, kMismatch = 3, kSimStopped = 4 };

struct Options {
  std::string command; // "compile" or "run"
  std::string file;
  std::string call, kernel;
  std::vector<std::string> defines; // NAME=VALUE
  std::string emit = "ir";          // compile: ast | ir | ir-raw
  std::string target;               // compile: (none yet); run: interp
  std::string output;               // -o
  // The pass manager's trace (support/PassManager.h), over the common and the target's passes.
  std::vector<std::string> printAfter; // --print-after NAME[,NAME...] (repeatable): print after NAME
  bool printAfterAll = false;          // --print-after-all
  std::string stopAfter;               // compile --stop-after NAME: print the state there and stop
  uint64_t seed = 42;
  bool noTma = false;          // --no-tma: sm_90a keeps cp.async pipelines (no TMA / mbarriers)
  bool noWarpSpecialize = false; // --no-warp-specialize: sm_90a TMA pipelines without a producer warpgroup
  bool cubin = false;          // compile --target cuda --cubin: NVRTC also builds kernel.cubin
  bool reportBanks = false;    // run --target gpu-interp --report-banks
  bool reportGlobal = false;   // run --target gpu-interp --report-global
  // Tenstorrent (--target tt / tt-sim); empty / 0 = the kernel's annotations or the defaults
  std::string ttApi = "2025";  // --tt-api 2025|2026
  std::string arch = "wormhole_b0"; // --arch wormhole_b0|blackhole
  std::string grid;            // --grid CxR (cores used)
  std::string trace;           // --trace FILE (simulator Chrome trace)
  std::string ttSimBuild = "direct"; // --tt-sim-build direct|cmake (how tt-sim builds the emitted host program)
  std::string policy, order, mathFidelity; // --policy, --order, --math-fidelity
  int chunkKTiles = 0;         // --chunk-k-tiles
};

// Parses `args` (without the program name) and runs the command. Returns the exit code.
int runCommandLine(const std::vector<std::string> &args);

// `sm` owns the source files; it must outlive any CompileError these throw.
int runCompile(const Options &opts, SourceManager &sm);
int runRun(const Options &opts, SourceManager &sm);

// The kernel `opts` selects from `file` (--call, --kernel, -D), as written. Throws CompileError.
ir::PrimFuncPtr buildAsWritten(const SourceFile &file, const Options &opts, SourceManager &sm);

// What --print-after, --print-after-all and --stop-after ask of the passes: printed states go to
// stderr, the state at --stop-after to stdout.
PassTrace passTraceFor(const Options &opts);

// Shared by run targets --------------------------------------------------------------------
// Concrete sizes for the kernel's symbolic sizes from -D (an error names any that are missing).
std::map<std::string, int64_t> sizeBindingsFor(const ir::PrimFunc &f, const Options &opts);
// Prints `NAME: max_abs_err=... pcc=... ok|MISMATCH` per output parameter, then PASS or FAIL.
bool reportComparison(const ir::PrimFunc &f, const std::vector<interp::Tensor> &expected,
                      const std::vector<interp::Tensor> &got);

// `tilec run --target interp`: the raised kernel (tile ops whole) vs the kernel as written (tile ops
// expanded to scalar loops).
int runInterp(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const Options &opts);

} // namespace tilec::driver
