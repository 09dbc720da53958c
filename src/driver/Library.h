// The driver as a library: what `tilec compile` and `tilec run` do, callable from a program on
// source text and caller-owned tensors. The Python package's bindings (src/python/) call it; it
// uses the same front end entry, common passes and target tables (Targets.h) as the command line.
#pragma once

#include "driver/Commands.h"
#include "driver/Targets.h"
#include "interp/Interpreter.h"
#include "ir/IR.h"
#include "support/Diagnostics.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace tilec::driver {

// A kernel built from source text: as written and after the common passes. It owns the sources
// its locations point into, so a CompileError raised by a later compile or run still renders.
struct BuiltKernel {
  std::shared_ptr<SourceManager> sources;
  ir::PrimFuncPtr asWritten, tiled;
};

// A CompileError already rendered (FILE:LINE:COL: error: ..., the line, a caret): thrown where the
// sources its location points into do not outlive the throw.
struct RenderedCompileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Builds the kernel `opts` selects (--call, --kernel, -D) from `text`, which diagnostics name
// `opts.file`. Throws RenderedCompileError (the sources die with the failed build).
BuiltKernel buildKernelFromText(const std::string &text, const Options &opts);

// `tilec compile --target NAME` without writing: the artifacts by file name. Throws CompileError
// (an unknown target too).
ArtifactFiles compileArtifacts(const BuiltKernel &k, const std::string &target, const Options &opts);

// The concrete sizes of the kernel's symbolic sizes: opts.defines, then what the shapes of `args`
// say for parameters whose dimension is a bare size (A: T.Buffer[(M, K), ...] with A 64x32 gives
// M=64, K=32). CompileError for a size neither gives.
interp::SizeBindings sizeBindingsFor(const ir::PrimFunc &f, const Options &opts,
                                     const std::vector<std::vector<int64_t>> &argShapes);

// Runs the kernel on `target` (interp, gpu-interp, tt-sim, cuda) over `args`, one tensor per
// parameter with the parameter's concrete shape and dtype (CompileError otherwise); outputs are
// written into them. A simulator stop comes back as Execution::exitCode kSimStopped.
Execution executeKernel(const BuiltKernel &k, const std::string &target, const Options &opts,
                        const interp::SizeBindings &sizes, std::vector<interp::Tensor> &args);

// Whether `cuda` can run here: an NVIDIA driver with a device (loaded at run time, CudaRun.cpp).
bool cudaAvailable();

} // namespace tilec::driver
