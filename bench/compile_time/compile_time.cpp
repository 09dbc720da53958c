// bench/compile_time: median front-end (parse + evaluate) and common-pass time per example.
//
//   bench_compile_time [--runs N] [FILE.py...]   (default: every examples/**/*.py)
//
// Each example is compiled with its own `# tilec:` default flags (--call / --kernel / -D).
#include "driver/Pipeline.h"
#include "frontend/Frontend.h"
#include "support/Diagnostics.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <iostream>

using namespace tilec;
using Clock = std::chrono::steady_clock;

namespace {

double medianOf(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// The subset of tilec's flags that select and specialise a kernel.
frontend::KernelRequest requestFrom(const std::vector<std::string> &flags) {
  frontend::KernelRequest req;
  for (size_t i = 0; i + 1 < flags.size(); ++i) {
    if (flags[i] == "--call") req.call = flags[i + 1];
    else if (flags[i] == "--kernel") req.kernel = flags[i + 1];
    else if (flags[i] == "-D") {
      std::string d = flags[i + 1];
      size_t eq = d.find('=');
      if (eq != std::string::npos) req.defines[d.substr(0, eq)] = std::stoll(d.substr(eq + 1));
    }
  }
  return req;
}

struct Timing {
  double frontendMs, passesMs;
};

Timing timeOnce(const std::string &path) {
  SourceManager sm;
  auto t0 = Clock::now();
  const SourceFile &file = sm.load(path);
  ir::PrimFuncPtr f = frontend::buildKernel(file, requestFrom(frontend::defaultFlags(file)), sm);
  auto t1 = Clock::now();
  std::ostringstream sink;
  runPipeline(driver::commonPasses(), *f, {});
  auto t2 = Clock::now();
  return {std::chrono::duration<double, std::milli>(t1 - t0).count(),
          std::chrono::duration<double, std::milli>(t2 - t1).count()};
}

std::vector<std::string> allExamples() {
  std::vector<std::string> files;
  for (auto &e : std::filesystem::recursive_directory_iterator(TILEC_SOURCE_DIR "/examples"))
    if (e.path().extension() == ".py")
      files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

} // namespace

int main(int argc, char **argv) {
  int runs = 21;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else files.push_back(a);
  }
  if (files.empty()) files = allExamples();
  fmt::print("{:<55} {:>14} {:>14}\n", "example", "frontend ms", "passes ms");
  for (const std::string &path : files) {
    std::vector<double> fe, ps;
    try {
      for (int r = 0; r < runs; ++r) {
        Timing t = timeOnce(path);
        fe.push_back(t.frontendMs);
        ps.push_back(t.passesMs);
      }
    } catch (const CompileError &e) {
      fmt::print("{:<55} error: {}\n", path, e.message());
      continue;
    }
    std::string name = std::filesystem::relative(path, TILEC_SOURCE_DIR "/examples").string();
    fmt::print("{:<55} {:>14.3f} {:>14.3f}\n", name, medianOf(fe), medianOf(ps));
  }
  fmt::print("(median of {} runs each)\n", runs);
  return 0;
}
