#include "driver/GpuTargets.h"

#include "target/gpu/Lower.h"
#include "target/gpu/Pipeline.h"
#include "target/gpu/SimtInterpreter.h"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace tilec::driver {

using namespace gpu;

namespace {

void writeFile(const std::filesystem::path &path, const std::string &text) {
  std::ofstream out(path);
  if (!out)
    fail({}, "cannot write '" + path.string() + "'");
  out << text;
}

int compileFor(const ir::PrimFunc &tiled, const Options &opts, const PassTrace &trace, Dialect d) {
  if (opts.output.empty() && trace.stopAfter.empty()) // --stop-after prints a pass's state instead
    fail({}, "--target cuda/hip writes a directory: pass -o DIR");
  GpuLowering state{tiled, GpuOptions::forDialect(d)};
  if (runGpuPasses(state, trace) == PipelineEnd::Stopped)
    return driver::kOk;
  GeneratedSource g = printKernel(*state.kernel, d, std::filesystem::path(opts.file).filename().string());
  std::filesystem::create_directories(opts.output);
  std::filesystem::path dir(opts.output);
  writeFile(dir / (d == Dialect::Cuda ? "kernel.cu" : "kernel.hip"), g.source);
  writeFile(dir / "launch.json", g.launchJson);
  return driver::kOk;
}

} // namespace

int compileCuda(const ir::PrimFunc &tiled, const Options &opts, const PassTrace &trace) {
  return compileFor(tiled, opts, trace, Dialect::Cuda);
}

int compileHip(const ir::PrimFunc &tiled, const Options &opts, const PassTrace &trace) {
  return compileFor(tiled, opts, trace, Dialect::Hip);
}

std::vector<std::string> gpuPassNames() { return gpuPasses().passNames(); }

int runGpuInterp(const ir::PrimFunc &, const ir::PrimFunc &tiled, const Options &opts) {
  interp::SizeBindings sizes = driver::sizeBindingsFor(tiled, opts);
  Kernel k = lowerForGpu(tiled, GpuOptions::forDialect(Dialect::Cuda));
  std::vector<interp::Tensor> reference = interp::makeInputs(tiled, sizes, opts.seed);
  std::vector<interp::Tensor> candidate = reference;
  interp::run(tiled, reference, sizes);
  BankReport banks;
  runSimt(k, candidate, sizes, opts.reportBanks ? &banks : nullptr);
  if (opts.reportBanks)
    std::cout << banks.format(k.name);
  return driver::reportComparison(tiled, reference, candidate) ? driver::kOk : driver::kMismatch;
}

} // namespace tilec::driver
