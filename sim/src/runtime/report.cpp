#include "report.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "scheduler.hpp"
#include "simulator.hpp"

namespace tilec::sim::rt {

using nlohmann::json;

static double toMicroseconds(uint64_t cycles, double ghz) { return double(cycles) / (ghz * 1000.0); }

// One kernel's accounting. busy_cycles is its busiest thread's (a compute kernel's UNPACK, MATH and
// PACK threads work at the same time, so their sum could exceed the elapsed cycles), wait_cycles its
// own thread's (UNPACK for compute); a compute kernel also lists each thread.
static json kernelEntry(const KernelStats& k) {
  using KI = KernelInstance;
  json entry = {{"kernel", k.kernel}, {"risc", k.risc}, {"core", {k.x, k.y}},
                {"busy_cycles", *std::max_element(std::begin(k.busy), std::end(k.busy))},
                {"wait_cycles", k.waited[KI::kOwnThread]}, {"finish_cycle", k.finish}};
  if (k.compute)
    entry["threads"] = {
        {"unpack", {{"busy_cycles", k.busy[KI::kOwnThread]}, {"wait_cycles", k.waited[KI::kOwnThread]}}},
        {"math", {{"busy_cycles", k.busy[KI::kMathThread]}}},
        {"pack", {{"busy_cycles", k.busy[KI::kPackThread]}, {"wait_cycles", k.waited[KI::kPackThread]}}}};
  return entry;
}

nlohmann::json buildReport(bool stopped) {
  Simulator& sim = Simulator::get();
  const ArchSpec& a = sim.machine().arch();
  json programs = json::array();
  for (auto& p : sim.programs()) {
    json kernels = json::array();
    for (auto& k : p.kernels) kernels.push_back(kernelEntry(k));
    json entry = {{"cycles", p.cycles}, {"us", toMicroseconds(p.cycles, a.clockGHz)}, {"kernels", kernels},
                  {"matmul_tiles", p.matmulTileOps}, {"compute_cores", p.computeCores},
                  {"matmul_cores", p.matmulCores}};
    if (p.matmulTileOps > 0 && p.cycles > 0 && p.matmulCores > 0) {
      // GEMM_FLOPS.md: ideal = tiles * cycles_per_tile / cores; utilisation = ideal / modeled. The cores
      // are those whose compute kernel executed matmul tile products (matmul_cores); the figure over every
      // core with a compute kernel, idle ones included, stays available as *_all_compute_cores.
      double ideal = double(p.matmulTileOps) * 16.0 * p.fidelityPasses / p.matmulCores;
      entry["matmul_ideal_cycles"] = ideal;
      entry["matmul_utilization"] = ideal / double(p.cycles);
      double idealAll = double(p.matmulTileOps) * 16.0 * p.fidelityPasses / p.computeCores;
      entry["matmul_utilization_all_compute_cores"] = idealAll / double(p.cycles);
    }
    programs.push_back(entry);
  }
  return {{"arch", a.name},
          {"clock_ghz", a.clockGHz},
          {"stopped_by_simulator", stopped},
          {"total_cycles", sim.elapsedCycles()},
          {"total_us", toMicroseconds(sim.elapsedCycles(), a.clockGHz)},
          {"fiber_switches", Scheduler::instance().contextSwitches()},
          {"programs", programs}};
}

static void printSummary(const json& r) {
  std::fprintf(stderr, "tilec-sim: %s: %zu program(s), %llu cycles (%.2f us at %.2f GHz)\n",
               r["arch"].get<std::string>().c_str(), r["programs"].size(),
               static_cast<unsigned long long>(r["total_cycles"].get<uint64_t>()), r["total_us"].get<double>(),
               r["clock_ghz"].get<double>());
  int index = 0;
  for (auto& p : r["programs"]) {
    std::fprintf(stderr, "tilec-sim:   program %d: %llu cycles, %zu kernel instances", index++,
                 static_cast<unsigned long long>(p["cycles"].get<uint64_t>()), p["kernels"].size());
    if (p.contains("matmul_utilization"))
      std::fprintf(stderr, ", matmul utilisation %.1f%% on %d cores", 100.0 * p["matmul_utilization"].get<double>(),
                   p["matmul_cores"].get<int>());
    if (p.contains("matmul_utilization") && p["compute_cores"].get<int>() != p["matmul_cores"].get<int>())
      std::fprintf(stderr, " (%.1f%% over all %d compute cores)",
                   100.0 * p["matmul_utilization_all_compute_cores"].get<double>(), p["compute_cores"].get<int>());
    std::fprintf(stderr, "\n");
    size_t shown = 0;
    for (auto& k : p["kernels"]) {
      if (++shown > 6) {
        std::fprintf(stderr, "tilec-sim:     ... (%zu more in --report)\n", p["kernels"].size() - 6);
        break;
      }
      std::fprintf(stderr, "tilec-sim:     core (%d,%d) %-6s busy %llu wait %llu  %s\n", k["core"][0].get<int>(),
                   k["core"][1].get<int>(), k["risc"].get<std::string>().c_str(),
                   static_cast<unsigned long long>(k["busy_cycles"].get<uint64_t>()),
                   static_cast<unsigned long long>(k["wait_cycles"].get<uint64_t>()),
                   k["kernel"].get<std::string>().c_str());
    }
  }
}

static void writeTrace(const char* path) {
  Simulator& sim = Simulator::get();
  Machine& m = sim.machine();
  double ghz = m.arch().clockGHz;
  std::ofstream out(path);
  out << "{\"traceEvents\":[\n";
  bool first = true;
  auto sep = [&] {
    if (!first) out << ",\n";
    first = false;
  };
  std::vector<bool> seen(size_t(m.numCores()), false);
  for (auto& e : sim.trace()) seen[size_t(e.core)] = true;
  const char* riscs[] = {"BRISC", "NCRISC", "TRISC (compute)"};
  for (int c = 0; c < m.numCores(); ++c) {
    if (!seen[size_t(c)]) continue;
    sep();
    out << json{{"ph", "M"}, {"name", "process_name"}, {"pid", c},
                {"args", {{"name", "core (" + std::to_string(m.logicalX(c)) + "," + std::to_string(m.logicalY(c)) + ")"}}}}
               .dump();
    for (int r = 0; r < 3; ++r) {
      sep();
      out << json{{"ph", "M"}, {"name", "thread_name"}, {"pid", c}, {"tid", r}, {"args", {{"name", riscs[r]}}}}.dump();
    }
  }
  for (auto& e : sim.trace()) {
    sep();
    out << json{{"ph", "X"}, {"name", e.name}, {"pid", e.core}, {"tid", e.risc},
                {"ts", double(e.start) / (ghz * 1000.0)}, {"dur", double(e.duration) / (ghz * 1000.0)}}
               .dump();
  }
  out << "\n]}\n";
}

void writeReportFiles(bool stopped) {
  if (!Simulator::exists()) return;
  json r = buildReport(stopped);
  if (!stopped) printSummary(r);
  if (const char* path = std::getenv("TILEC_SIM_REPORT"); path && *path) std::ofstream(path) << r.dump(2) << "\n";
  if (const char* path = std::getenv("TILEC_SIM_TRACE"); path && *path) writeTrace(path);
}

}  // namespace tilec::sim::rt

#include "tilec_sim/host/stats.hpp"

namespace tilec::sim {
RunStats runStats() {
  RunStats s;
  s.fiberSwitches = rt::Scheduler::instance().contextSwitches();
  if (!rt::Simulator::exists() || rt::Simulator::get().programs().empty()) return s;
  const rt::ProgramStats& p = rt::Simulator::get().programs().back();
  s.lastProgramCycles = p.cycles;
  s.lastProgramWallSeconds = p.wallSeconds;
  if (p.matmulTileOps && p.cycles && p.matmulCores)
    s.lastMatmulUtilization = double(p.matmulTileOps) * 16.0 * p.fidelityPasses / p.matmulCores / double(p.cycles);
  return s;
}
}  // namespace tilec::sim
