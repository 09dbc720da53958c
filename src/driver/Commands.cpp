#include "driver/Commands.h"
#include "support/Files.h"

#include "driver/Pipeline.h"
#include "driver/Targets.h"
#include "frontend/AstPrinter.h"
#include "frontend/Frontend.h"
#include "frontend/Parser.h"
#include "interp/Interpreter.h"
#include "ir/Printer.h"
#include "support/Diagnostics.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace tilec::driver {

namespace {

// Builds the CLI11 description of tilec; `opts` receives the parsed values.
std::unique_ptr<CLI::App> makeApp(Options &opts) {
  auto app = std::make_unique<CLI::App>("tilec: a compiler for TileLang kernels (GPU and Tenstorrent)",
                                        "tilec");
  app->set_version_flag("--version", std::string("tilec ") + TILEC_VERSION);
  app->require_subcommand(1);
  // A file's `# tilec:` flags come first on the merged command line; the user's own flags come
  // later and must win, so a repeated option keeps its last value.
  app->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  auto addSelection = [&](CLI::App *sub) {
    sub->add_option("file", opts.file, "TileLang source file (.py)")->required();
    auto *call = sub->add_option("--call", opts.call, "evaluate a factory call, e.g. \"matmul(1024, 1024, 1024)\"");
    auto *kernel = sub->add_option("--kernel", opts.kernel, "pick a top-level @T.prim_func by name");
    call->excludes(kernel);
    sub->add_option("-D", opts.defines, "bind a free name: -D M=256")->allow_extra_args(false);
    sub->add_flag("--print-after-all", opts.printAfterAll, "print the state after every pass: Tile IR, then the target's SIMT IR or TT program (to stderr)");
    sub->add_option("--print-after", opts.printAfter, "print the state after the pass NAME (to stderr); repeatable, or NAME,NAME")
        ->delimiter(',')
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    sub->add_option("--tt-api", opts.ttApi, "TT-Metalium API level of the emitted code")->check(CLI::IsMember({"2025", "2026"}));
    sub->add_option("--arch", opts.arch, "Tenstorrent chip: wormhole_b0 (n150) or blackhole (p150); cuda, gpu-interp, cuda-host: sm_90a lowers T.gemm to Hopper wgmma; gpu-interp: gfx90a or gfx942 lowers as --target hip does (MFMA)");
    sub->add_flag("--no-tma", opts.noTma, "sm_90a: T.Pipelined copies stay cp.async (no TMA, no mbarriers)");
    sub->add_flag("--no-warp-specialize", opts.noWarpSpecialize,
                  "sm_90a: the threads that compute also issue the TMA pipeline's copies (no producer warpgroup)");
    sub->add_option("--grid", opts.grid, "Tenstorrent cores to use, CxR (default: the whole grid)");
    sub->add_option("--trace", opts.trace, "tt-sim: write a Chrome trace (Perfetto) to FILE");
    sub->add_option("--policy", opts.policy, "TT schedule: contiguous, strided or block_linear");
    sub->add_option("--order", opts.order, "TT block order: row_major, column_major or z_order");
    sub->add_option("--chunk-k-tiles", opts.chunkKTiles, "TT: K tiles per CB transfer");
    sub->add_option("--math-fidelity", opts.mathFidelity, "TT: LoFi, HiFi2, HiFi3 or HiFi4");
  };
  CLI::App *compile = app->add_subcommand("compile", "compile a kernel and print or write its artifacts");
  addSelection(compile);
  compile->add_option("--emit", opts.emit, "what to print: ast, ir-raw (as written), ir (after common passes)")
      ->check(CLI::IsMember({"ast", "ir", "ir-raw"}));
  std::vector<std::string> compileNames, runNames;
  for (const CompileTarget &t : compileTargets())
    compileNames.push_back(t.name);
  for (const RunTarget &t : runTargets())
    runNames.push_back(t.name);
  compile->add_option("--target", opts.target, "code generation target (writes to -o DIR)")
      ->check(CLI::IsMember(compileNames));
  compile->add_option("-o", opts.output, "output file or directory");
  compile->add_flag("--cubin", opts.cubin,
                    "--target cuda: also compile kernel.cu with NVRTC for --arch (default sm_80), as run --target "
                    "cuda does, into kernel.cubin (needs libnvrtc, not a GPU)");
  compile->add_option("--stop-after", opts.stopAfter, "stop after the pass NAME and print the state there (to stdout)");
  CLI::App *run = app->add_subcommand("run", "compile, run on random inputs and check against the reference");
  addSelection(run);
  run->add_option("--target", opts.target, "where to run and check the kernel")
      ->required()
      ->check(CLI::IsMember(runNames));
  run->add_option("--seed", opts.seed, "seed of the random inputs");
  run->add_flag("--report-banks", opts.reportBanks,
                "gpu-interp: print the shared-memory bank conflicts of every access site (docs/GPU_BACKEND.md)");
  run->add_flag("--report-global", opts.reportGlobal,
                "gpu-interp: print the width and coalescing of every global access site (docs/GPU_BACKEND.md)");
  run->add_option("--tt-sim-build", opts.ttSimBuild,
                  "tt-sim: build the emitted host program directly (default, faster) or through its CMakeLists.txt")
      ->check(CLI::IsMember({"direct", "cmake"}));
  // `tilec sim ...` is handed to the simulator's own command line before this parser runs (main.cpp);
  // it is declared here so that --help lists it.
  app->add_subcommand("sim", "run a TT-Metalium program directory on the simulator: sim run DIR [...] "
                             "(tilec sim --help; exit 2 usage, 3 host build failed, 4 simulator stop)")
      ->allow_extras();
  app->footer("Exit codes: 0 ok, 1 error in the input, 2 usage error, 3 numeric mismatch (run), "
              "4 simulator stop (run --target tt-sim); `tilec sim run` has its own (tilec sim --help).");
  return app;
}

std::vector<std::string> reversedForCli11(const std::vector<std::string> &args) {
  return {args.rbegin(), args.rend()}; // CLI11's parse(vector) takes arguments in reverse order
}

// The file's `# tilec:` flags come first so that the user's own flags override them.
std::vector<std::string> withFileDefaults(const std::vector<std::string> &args, const Options &parsed) {
  SourceManager sm;
  const SourceFile &file = sm.load(parsed.file);
  std::vector<std::string> defaults = frontend::defaultFlags(file);
  if (defaults.empty())
    return args;
  std::vector<std::string> merged{args.front(), parsed.file};
  merged.insert(merged.end(), defaults.begin(), defaults.end());
  for (size_t i = 1; i < args.size(); ++i)
    if (args[i] != parsed.file)
      merged.push_back(args[i]);
  return merged;
}

std::map<std::string, int64_t> parseDefines(const std::vector<std::string> &defines) {
  std::map<std::string, int64_t> out;
  for (const std::string &d : defines) {
    size_t eq = d.find('=');
    if (eq == std::string::npos || eq == 0)
      throw CLI::ValidationError("-D", "expected NAME=VALUE, got '" + d + "'");
    try {
      size_t used = 0;
      int64_t v = std::stoll(d.substr(eq + 1), &used);
      if (used != d.size() - eq - 1)
        throw std::invalid_argument(d);
      out[d.substr(0, eq)] = v; // later definitions win (command line after file defaults)
    } catch (const std::logic_error &) {
      throw CLI::ValidationError("-D", "value of '" + d.substr(0, eq) + "' is not an integer");
    }
  }
  return out;
}

ir::PrimFuncPtr buildAsWritten(const Options &opts, SourceManager &sm) {
  return buildAsWritten(sm.load(opts.file), opts, sm);
}

// The kernel after the common passes; `stopped` when the trace stopped them.
ir::PrimFuncPtr runCommonPasses(const ir::PrimFunc &f, const PassTrace &trace, bool *stopped = nullptr) {
  auto out = std::make_shared<ir::PrimFunc>(f);
  PipelineEnd end = runPipeline(commonPasses(), *out, trace);
  if (stopped)
    *stopped = end == PipelineEnd::Stopped;
  return out;
}

// The passes a compilation for `target` (null: none) runs, in order, each name once.
std::vector<std::string> pipelinePassNames(const CompileTarget *target) {
  std::vector<std::string> names = commonPasses().passNames();
  if (target) {
    std::vector<std::string> more = target->passNames();
    names.insert(names.end(), more.begin(), more.end());
  }
  std::vector<std::string> unique;
  for (const std::string &n : names)
    if (std::find(unique.begin(), unique.end(), n) == unique.end())
      unique.push_back(n);
  return unique;
}

// A pass named by --print-after / --stop-after must be one this compilation runs.
void checkPassNames(const Options &opts, const CompileTarget *target) {
  std::vector<std::string> known = pipelinePassNames(target);
  auto check = [&](const std::string &option, const std::string &name) {
    if (std::find(known.begin(), known.end(), name) != known.end())
      return;
    std::string pipeline = target ? "--target " + target->name : "the common pipeline (no --target)";
    throw CLI::ValidationError(option, fmt::format("no pass named '{}' in {}; its passes, in order: {}", name,
                                                   pipeline, fmt::join(known, ", ")));
  };
  for (const std::string &name : opts.printAfter)
    check("--print-after", name);
  if (!opts.stopAfter.empty())
    check("--stop-after", opts.stopAfter);
}

void writeText(const std::string &path, const std::string &text) {
  if (path.empty()) {
    std::cout << text;
    return;
  }
  std::ofstream out(path);
  if (!out)
    fail({}, "cannot write '" + path + "'");
  out << text;
}

} // namespace

ir::PrimFuncPtr buildAsWritten(const SourceFile &file, const Options &opts, SourceManager &sm) {
  frontend::KernelRequest req{opts.call, opts.kernel, parseDefines(opts.defines)};
  return frontend::buildKernel(file, req, sm);
}

PassTrace passTraceFor(const Options &opts) {
  PassTrace trace;
  trace.printAfter = {opts.printAfter.begin(), opts.printAfter.end()};
  trace.printAfterAll = opts.printAfterAll;
  trace.stopAfter = opts.stopAfter;
  trace.log = &std::cerr;
  trace.stopOut = &std::cout;
  return trace;
}

int runCompile(const Options &opts, SourceManager &sm) {
  const CompileTarget *target = findCompileTarget(opts.target);
  checkPassNames(opts, target);
  if (opts.cubin && opts.target != "cuda")
    throw CLI::ValidationError("--cubin", "only --target cuda has a kernel NVRTC compiles");
  if (opts.emit == "ast") {
    writeText(opts.output, printAst(parse(sm.load(opts.file))));
    return kOk;
  }
  ir::PrimFuncPtr f = buildAsWritten(opts, sm);
  if (opts.printAfterAll)
    std::cerr << "// ---- as written ----\n" << ir::printFunc(*f);
  if (opts.emit == "ir-raw") {
    writeText(opts.output, ir::printFunc(*f));
    return kOk;
  }
  PassTrace trace = passTraceFor(opts);
  bool stopped = false;
  ir::PrimFuncPtr tiled = runCommonPasses(*f, trace, &stopped);
  if (stopped)
    return kOk;
  if (target) {
    if (opts.output.empty() && trace.stopAfter.empty()) // --stop-after prints a pass's state instead
      fail({}, "--target " + target->name + " writes a directory: pass -o DIR");
    if (std::optional<ArtifactFiles> files = target->artifacts(*tiled, opts, trace))
      writeFiles(*files, opts.output);
    return kOk;
  }
  writeText(opts.output, ir::printFunc(*tiled));
  return kOk;
}

int runRun(const Options &opts, SourceManager &sm) {
  checkPassNames(opts, nullptr); // run traces the common passes only
  if (opts.reportBanks && opts.target != "gpu-interp")
    throw CLI::ValidationError("--report-banks", "only --target gpu-interp counts shared-memory bank conflicts");
  if (opts.reportGlobal && opts.target != "gpu-interp")
    throw CLI::ValidationError("--report-global", "only --target gpu-interp counts global memory sectors");
  ir::PrimFuncPtr f = buildAsWritten(opts, sm);
  ir::PrimFuncPtr tiled = runCommonPasses(*f, passTraceFor(opts));
  if (const RunTarget *t = findRunTarget(opts.target))
    return t->run(*f, *tiled, opts);
  fail({}, "unknown run target '" + opts.target + "'");
}

interp::SizeBindings sizeBindingsFor(const ir::PrimFunc &f, const Options &opts) {
  interp::SizeBindings sizes = parseDefines(opts.defines);
  for (const ir::Var &v : f.sizeVars)
    if (!sizes.count(v->name))
      fail(v->loc, "running needs a value for the symbolic size '" + v->name + "': pass -D " +
                       v->name + "=<value> (or a '# tilec: -D " + v->name + "=...' line)");
  return sizes;
}

bool reportComparison(const ir::PrimFunc &f, const std::vector<interp::Tensor> &expected,
                      const std::vector<interp::Tensor> &got) {
  bool pass = true;
  for (int i : interp::outputParams(f)) {
    interp::Comparison c = interp::compare(expected[i], got[i]);
    std::cout << fmt::format("{}: max_abs_err={:.3e} pcc={:.6f} {}\n", f.params[i]->name,
                             c.maxAbsError, c.pcc, c.pass ? "ok" : "MISMATCH");
    // A write-only output started as the poison on the target (interp::poisonWriteOnlyOutputs).
    double poison = interp::unwrittenPoison(f.params[i]->dtype);
    size_t unwritten = 0;
    for (size_t e = 0; e < got[i].data.size() && e < expected[i].data.size(); ++e)
      unwritten += got[i].data[e] == poison && expected[i].data[e] != poison;
    if (!c.pass && unwritten > 0)
      std::cout << fmt::format("{}: {} of {} elements never written by the kernel (they still hold "
                               "the {} it started with)\n",
                               f.params[i]->name, unwritten, got[i].data.size(), poison);
    pass &= c.pass;
  }
  std::cout << (pass ? "PASS" : "FAIL") << "\n";
  return pass;
}

// The tile ops executed whole: the reference interpreter itself, as a target to run on.
Execution executeInterp(const ir::PrimFunc &tiled, const Options &, const interp::SizeBindings &sizes,
                        std::vector<interp::Tensor> &args) {
  interp::run(tiled, args, sizes);
  return {};
}

// Path 1: raised tile ops executed whole. Path 2: the kernel as written, tile ops expanded to
// scalar loops by a separate pass. Same inputs, compared output by output.
int runInterp(const ir::PrimFunc &asWritten, const ir::PrimFunc &tiled, const Options &opts) {
  ir::PrimFuncPtr scalar = std::make_shared<ir::PrimFunc>(asWritten);
  runPipeline(scalarReferencePasses(), *scalar, {});
  interp::SizeBindings sizes = sizeBindingsFor(tiled, opts);
  std::vector<interp::Tensor> reference = interp::makeInputs(tiled, sizes, opts.seed);
  std::vector<interp::Tensor> candidate = reference;
  interp::poisonWriteOnlyOutputs(tiled, candidate);
  interp::run(*scalar, reference, sizes);
  executeInterp(tiled, opts, sizes, candidate);
  return reportComparison(tiled, reference, candidate) ? kOk : kMismatch;
}

// Thrown after CLI11 has printed help, a version or a usage error; carries the exit code.
struct CliExit {
  int code;
};

// Parses `args` into `opts`; returns the chosen subcommand's name.
static std::string parseInto(Options &opts, const std::vector<std::string> &args) {
  auto app = makeApp(opts);
  try {
    app->parse(reversedForCli11(args));
  } catch (const CLI::ParseError &e) { // includes --help / --version (CLI::Success)
    // exit() prints the help of the (sub)command that asked for it, so it needs this very app.
    throw CliExit{app->exit(e) == 0 ? kOk : kUsageError};
  }
  return app->got_subcommand("run") ? "run" : "compile";
}

int runCommandLine(const std::vector<std::string> &args) {
  Options opts;
  SourceManager sm; // outlives every CompileError, whose location points into a file it owns
  try {
    opts.command = parseInto(opts, args);
    std::vector<std::string> merged = withFileDefaults(args, opts);
    if (merged != args) {
      opts = Options{};
      opts.command = parseInto(opts, merged);
    }
    return opts.command == "run" ? runRun(opts, sm) : runCompile(opts, sm);
  } catch (const CliExit &e) {
    return e.code;
  } catch (const CLI::ValidationError &e) {
    std::cerr << "tilec: error: " << e.what() << "\n";
    return kUsageError;
  } catch (const CompileError &e) {
    std::cerr << e.render();
    return kInputError;
  } catch (const std::exception &e) {
    std::cerr << "tilec: internal error: " << e.what() << "\n";
    return kInputError;
  }
}

} // namespace tilec::driver
