// The `tt` compile target and the `tt-sim` run target, as the driver's target table sees them.
// (The one place of the TT backend that knows the driver's options and the simulator's entry.)
#include "driver/Commands.h"
#include "interp/Interpreter.h"
#include "target/tt/TT.h"
#include "driver/TTTargets.h"
#include "target/tt/ApiTable.h"
#include "support/Npy.h"

// The simulator's driver API (sim/ is a separate library that knows nothing of the compiler).
#include <tilec_sim/driver.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <iostream>
#include <unistd.h>

namespace tilec::driver {

using namespace tt;

namespace fs = std::filesystem;

TTOptions ttOptionsFrom(const Options &opts) {
  TTOptions t;
  try {
    t.apiLevel = parseApiLevel(opts.ttApi);
  } catch (const std::invalid_argument &e) {
    fail({}, e.what());
  }
  t.arch = opts.arch;
  if (!opts.grid.empty()) {
    int x = 0, y = 0;
    char sep = 0;
    if (std::sscanf(opts.grid.c_str(), "%d%c%d", &x, &sep, &y) != 3 || (sep != 'x' && sep != 'X') || x < 1 || y < 1)
      fail({}, "--grid expects CxR (columns x rows of cores), e.g. --grid 8x8; got '" + opts.grid + "'");
    t.gridX = x, t.gridY = y;
  }
  if (!opts.policy.empty())
    t.policy = opts.policy;
  if (!opts.order.empty())
    t.order = opts.order;
  if (opts.chunkKTiles > 0)
    t.chunkKTiles = opts.chunkKTiles;
  if (!opts.mathFidelity.empty())
    t.mathFidelity = opts.mathFidelity;
  return t;
}

std::optional<ArtifactFiles> ttArtifacts(const ir::PrimFunc &tiled, const Options &opts, const PassTrace &trace) {
  TTOptions ttOpts = ttOptionsFrom(opts);
  std::shared_ptr<TTProgram> program = newTTProgram(tiled, ttOpts);
  if (runTTPasses(*program, ttOpts, trace) == PipelineEnd::Stopped)
    return std::nullopt;
  return emitTTArtifacts(*program);
}

namespace {

void saveNpy(const fs::path &path, const interp::Tensor &t) {
  npy::saveFloat32(path.string(), std::vector<float>(t.data.begin(), t.data.end()), t.shape);
}

// Reads the float32 payload of a .npy written by main.cpp into `t` (whose shape is known); the
// reason when there is none to read.
std::optional<std::string> loadNpy(const fs::path &path, interp::Tensor &t) {
  if (!fs::exists(path))
    return "the program wrote no output";
  std::vector<float> values = npy::loadFloat32(path.string());
  if (values.size() != t.data.size())
    return "the output holds " + std::to_string(values.size()) + " values, not " +
           std::to_string(t.data.size());
  t.data.assign(values.begin(), values.end());
  return std::nullopt;
}

// Modeled time from the simulator's report; matmul utilisation = ideal / modeled cycles
// (GEMM_FLOPS.md) and the average busy share of the compute kernels.
void printReport(const nlohmann::json &report) {
  if (report.is_null() || !report.contains("total_cycles"))
    return;
  std::cout << fmt::format("tt-sim: {} on {}: {} cycles, {:.2f} us", report.value("arch", "?"),
                           report.value("arch", "") == "blackhole" ? "p150" : "n150",
                           report["total_cycles"].get<uint64_t>(), report["total_us"].get<double>());
  for (const auto &prog : report.value("programs", nlohmann::json::array())) {
    double busy = 0;
    int computes = 0;
    for (const auto &k : prog.value("kernels", nlohmann::json::array()))
      if (k.value("kernel", "").find("compute") != std::string::npos) {
        busy += k.value("busy_cycles", 0.0);
        ++computes;
      }
    double cycles = prog.value("cycles", 0.0);
    if (computes && cycles > 0)
      std::cout << fmt::format(", compute busy {:.1f}% ({} core{})", 100.0 * busy / computes / cycles, computes,
                               computes == 1 ? "" : "s");
    if (prog.contains("matmul_utilization"))
      std::cout << fmt::format(", matmul utilisation {:.1f}%", 100.0 * prog["matmul_utilization"].get<double>());
  }
  std::cout << "\n";
}

} // namespace

Execution executeTTSim(const ir::PrimFunc &tiled, const Options &opts, const interp::SizeBindings &sizes,
                       std::vector<interp::Tensor> &args) {
  // Symbolic sizes bound with -D are constants of the compiled kernel, like the interpreter's run.
  TTOptions ttOpts = ttOptionsFrom(opts);
  Artifacts artifacts = compileToArtifacts(tiled, ttOpts);

  static int runs = 0; // several runs of one kernel in one process (the Python package) get their own folder
  fs::path dir = fs::temp_directory_path() / fmt::format("tilec-tt-{}-{}-{}", ::getpid(), runs++, tiled.name);
  fs::remove_all(dir);
  writeArtifacts(artifacts, dir.string());
  fs::create_directories(dir / "inputs");
  fs::create_directories(dir / "outputs");
  for (size_t i = 0; i < tiled.params.size(); ++i)
    saveNpy(dir / "inputs" / (tiled.params[i]->name + ".npy"), args[i]);

  std::vector<std::string> programArgs = {"inputs", "outputs"};
  for (const ir::Var &v : tiled.sizeVars)
    programArgs.push_back(v->name + "=" + std::to_string(sizes.at(v->name)));
  Execution e = runTTProgram(dir.string(), opts, programArgs);
  if (e.exitCode != kOk)
    return e;
  for (int i : interp::outputParams(tiled))
    if (std::optional<std::string> missing = loadNpy(dir / "outputs" / (tiled.params[i]->name + ".npy"), args[i])) {
      e.exitCode = driver::kSimStopped;
      e.diagnostics += "tilec: " + *missing + " '" + tiled.params[i]->name + "'\n";
      return e;
    }
  return e;
}

Execution runTTProgram(const std::string &dir, const Options &opts, const std::vector<std::string> &programArgs) {
  TTOptions ttOpts = ttOptionsFrom(opts);
  sim::RunOptions run;
  run.dir = dir;
  run.arch = ttOpts.arch == "blackhole" || ttOpts.arch == "p150" ? "blackhole" : "wormhole_b0";
  run.apiLevel = apiLevelName(ttOpts.apiLevel);  // the simulator's headers of that release only
  run.traceFile = opts.trace.empty() ? "" : fs::absolute(opts.trace).string();
  // The emitted CMakeLists.txt builds exactly host.cpp + main.cpp; CMake's configure adds ~0.3 s CPU
  // (~1 s wall on a loaded machine) to every cold run, so tilec's own runs skip it unless asked.
  run.useCMakeLists = opts.ttSimBuild == "cmake";
  run.programArgs = programArgs;
  sim::RunResult result = sim::runDirectory(run);
  Execution e;
  e.workDir = dir;
  if (result.exitCode != 0) {
    // tilec-sim's exit 3 is a host build failure, not a numeric mismatch (docs/SIMULATOR.md).
    const char *what = result.exitCode == 3 ? "the host program did not build"
                                            : "the simulator stopped the program";
    e.exitCode = driver::kSimStopped;
    e.diagnostics = result.diagnostics + fmt::format("tilec: {} (exit {}); artifacts kept in {}\n", what,
                                                     result.exitCode, dir);
    return e;
  }
  e.reportJson = result.report.is_null() ? "" : result.report.dump();
  return e;
}

int runTTSim(const ir::PrimFunc &, const ir::PrimFunc &tiled, const Options &opts) {
  interp::SizeBindings sizes = driver::sizeBindingsFor(tiled, opts);
  std::vector<interp::Tensor> reference = interp::makeInputs(tiled, sizes, opts.seed);
  std::vector<interp::Tensor> got = reference;
  interp::poisonWriteOnlyOutputs(tiled, got);
  interp::run(tiled, reference, sizes);
  Execution e = executeTTSim(tiled, opts, sizes, got);
  if (e.exitCode != driver::kOk) {
    std::cerr << e.diagnostics;
    return e.exitCode;
  }
  bool pass = driver::reportComparison(tiled, reference, got);
  if (!e.reportJson.empty())
    printReport(nlohmann::json::parse(e.reportJson));
  if (pass)
    fs::remove_all(e.workDir);
  else
    std::cerr << "tilec: artifacts kept in " << e.workDir << "\n";
  return pass ? driver::kOk : driver::kMismatch;
}

} // namespace tilec::driver
