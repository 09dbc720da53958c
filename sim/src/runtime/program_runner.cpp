// Launching a program: place CBs and semaphores in every core's L1, write runtime args, JIT the
// kernels, run one fiber per (kernel, core) to completion, record the cycle statistics.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>

#include "diagnostics.hpp"
#include "dprint.hpp"
#include "kernel_jit.hpp"
#include "machine.hpp"
#include "scheduler.hpp"
#include "simulator.hpp"

namespace tilec::sim::rt {

const char* riscName(Risc r) {
  switch (r) {
    case Risc::kBrisc: return "BRISC";
    case Risc::kNcrisc: return "NCRISC";
    default: return "TRISC";
  }
}

static int coreIndexChecked(Machine& m, const CoreCoord& c, const char* what) {
  if (c.x >= size_t(m.arch().gridX) || c.y >= size_t(m.arch().gridY))
    failHost(fmt::format("{}: core {} is outside the {}x{} worker grid of {}", what, c.str(), m.arch().gridX,
                         m.arch().gridY, m.arch().name));
  return m.coreIndex(int(c.x), int(c.y));
}

// CBs take the same address on every core of their range, allocated upwards from the unreserved base.
static void placeCircularBuffers(ProgramState& p, Machine& m) {
  Simulator& sim = Simulator::get();
  std::vector<uint32_t> top(size_t(m.numCores()), m.arch().l1UnreservedBase);
  for (auto& spec : p.circularBuffers) {
    const auto& cfg = spec.config;
    std::vector<int> cores;
    for (auto& c : spec.cores) cores.push_back(coreIndexChecked(m, c, "CreateCircularBuffer"));
    uint32_t addr = 0;
    for (int c : cores) addr = std::max(addr, top[size_t(c)]);
    if (auto global = cfg.globally_allocated_address()) addr = *global;
    else {
      uint32_t end = addr + cfg.total_size();
      if (end > m.l1BufferFloor())
        failHost(fmt::format("circular buffers do not fit in L1: CB {} ({} bytes) would end at {:#x} but only "
                             "[{:#x}, {:#x}) is free for CBs on {}",
                             cfg.data_formats().empty() ? -1 : int(cfg.data_formats().begin()->first),
                             cfg.total_size(), end, m.arch().l1UnreservedBase, m.l1BufferFloor(), m.arch().name));
      for (int c : cores) top[size_t(c)] = (end + 31) & ~31u;
    }
    for (auto& [index, format] : cfg.data_formats()) {
      if (index >= m.arch().numCircularBuffers)
        failHost(fmt::format("CircularBufferConfig: CB index {} is past the {} circular buffers of {}", index,
                             m.arch().numCircularBuffers, m.arch().name));
      auto ps = cfg.page_sizes().find(index);
      uint32_t page = ps != cfg.page_sizes().end() ? ps->second : tt::tile_size(format);
      if (page == 0 || cfg.total_size() % page != 0)
        failHost(fmt::format("CircularBufferConfig: total size {} of CB {} is not a multiple of its page size {}",
                             cfg.total_size(), index, page));
      for (int c : cores) {
        CircularBuffer& cb = sim.core(c).cbs[index];
        cb.reset(index, addr, cfg.total_size(), page, format);
        cb.onHostBuffer = cfg.globally_allocated_address().has_value();
      }
    }
  }
}

static void writeSemaphores(ProgramState& p, Machine& m) {
  for (auto& s : p.semaphores)
    for (auto& c : s.cores) {
      int core = coreIndexChecked(m, c, "CreateSemaphore");
      std::memcpy(m.l1(core) + kSemaphoreBase + s.id * 16, &s.initial, 4);
    }
}

static std::vector<std::unique_ptr<KernelInstance>> createInstances(ProgramState& p, Machine& m) {
  std::vector<std::unique_ptr<KernelInstance>> out;
  std::map<std::pair<int, int>, const KernelSpec*> occupied;
  for (auto& spec : p.kernels) {
    for (auto& c : spec.cores) {
      int core = coreIndexChecked(m, c, "CreateKernel");
      auto [it, fresh] = occupied.emplace(std::pair{core, int(spec.risc)}, &spec);
      if (!fresh)
        failHost(fmt::format("core {} runs two kernels on {}: {} and {}", c.str(), riscName(spec.risc),
                             it->second->displayName(), spec.displayName()));
      auto k = std::make_unique<KernelInstance>();
      k->id = int(out.size());
      k->core = core;
      k->risc = spec.risc;
      k->spec = &spec;
      auto args = spec.args.find(c);
      const std::vector<uint32_t> none;
      const std::vector<uint32_t>& unique = args != spec.args.end() ? args->second : none;
      if (unique.size() > kMaxRuntimeArgs || spec.commonArgs.size() > kMaxRuntimeArgs)
        failHost(fmt::format("kernel {} on core {}: more than {} runtime args", spec.displayName(), c.str(), kMaxRuntimeArgs));
      k->numArgs = uint32_t(unique.size());
      k->numCommonArgs = uint32_t(spec.commonArgs.size());
      uint32_t base = 0x1000u + uint32_t(spec.risc) * 0x600u, common = 0x2200u + uint32_t(spec.risc) * 0x600u;
      std::memcpy(m.l1(core) + base, unique.data(), unique.size() * 4);
      std::memcpy(m.l1(core) + common, spec.commonArgs.data(), spec.commonArgs.size() * 4);
      if (spec.isCompute) {
        k->compute = std::make_unique<ComputeState>();
        k->compute->capacity = (spec.fp32DestAcc ? 4u : 8u) * (spec.dstFullSync ? 2u : 1u);
      }
      out.push_back(std::move(k));
    }
  }
  return out;
}

void runProgram(ProgramState& p) {
  auto wallStart = std::chrono::steady_clock::now();
  Simulator& sim = Simulator::get();
  Machine& m = sim.machine();
  sim.resetCores();
  placeCircularBuffers(p, m);
  writeSemaphores(p, m);
  std::vector<KernelSpec*> specs;
  for (auto& k : p.kernels) specs.push_back(&k);
  compileAndLoadKernels(specs, p.circularBuffers);
  auto instances = createInstances(p, m);
  std::vector<KernelInstance*> raw;
  for (auto& k : instances) raw.push_back(k.get());
  Scheduler::instance().run(raw, [](KernelInstance& k) {
    k.spec->entry();
    flushKernelDprints(k);
    if (k.compute)  // the math and pack threads finish after the unpacker
      k.now = std::max({k.now, k.compute->mathClock, k.compute->packClock});
  });

  ProgramStats stats;
  std::vector<bool> computeCore(size_t(m.numCores()), false), matmulCore(size_t(m.numCores()), false);
  for (auto& k : instances) {
    stats.cycles = std::max(stats.cycles, k->now);
    stats.matmulTileOps += k->matmulTileOps;
    if (k->spec->isCompute) {
      computeCore[size_t(k->core)] = true;
      if (k->matmulTileOps > 0 || stats.matmulTileOps == 0) stats.fidelityPasses = k->spec->fidelityPasses;
    }
    if (k->matmulTileOps > 0) matmulCore[size_t(k->core)] = true;
    KernelStats ks{k->spec->displayName(), riscName(k->risc), m.logicalX(k->core), m.logicalY(k->core),
                   k->compute != nullptr, {}, {}, k->now};
    std::copy(std::begin(k->busy), std::end(k->busy), ks.busy);
    std::copy(std::begin(k->waited), std::end(k->waited), ks.waited);
    stats.kernels.push_back(std::move(ks));
  }
  stats.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
  stats.computeCores = int(std::count(computeCore.begin(), computeCore.end(), true));
  stats.matmulCores = int(std::count(matmulCore.begin(), matmulCore.end(), true));
  sim.advanceElapsed(stats.cycles);
  sim.programs().push_back(std::move(stats));
}

}  // namespace tilec::sim::rt
