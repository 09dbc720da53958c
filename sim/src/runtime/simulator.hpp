// The simulated chip and what the runtime knows across programs: the machine, per-core state, the
// timing model's shared resources (DRAM banks), run statistics and the optional Chrome trace.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "kernel_instance.hpp"
#include "machine.hpp"

namespace tilec::sim::rt {

struct KernelStats {
  std::string kernel;
  std::string risc;
  int x, y;
  bool compute;
  uint64_t busy[KernelInstance::kThreads], waited[KernelInstance::kThreads];
  uint64_t finish;
};

struct ProgramStats {
  uint64_t cycles = 0;
  uint64_t matmulTileOps = 0;
  int fidelityPasses = 4;
  int computeCores = 0;  // cores with a compute kernel (any work, including none)
  int matmulCores = 0;   // cores whose compute kernel executed at least one matmul tile product
  double wallSeconds = 0;
  std::vector<KernelStats> kernels;
};

struct TraceEvent {
  int core;
  int risc;
  const char* name;
  uint64_t start, duration;
};

class Simulator {
 public:
  static Simulator& get();
  static bool exists();

  void createMachine(const std::string& archName);
  Machine& machine() { return *machine_; }
  CoreState& core(int index) { return cores_[size_t(index)]; }
  void resetCores();

  // Timing model helpers: the current kernel spends `cycles` doing `what`.
  void charge(KernelInstance& k, uint64_t cycles, const char* what);
  void traceWait(KernelInstance& k, uint64_t from, uint64_t to);
  // Records `what` from `start` for `cycles` on the kernel's track without moving any clock (the
  // compute kernel's math thread, which runs behind the unpacker's clock).
  void traceAt(KernelInstance& k, const char* what, uint64_t start, uint64_t cycles);
  bool tracing() const { return tracing_; }
  uint64_t& dramBankFree(int bank) { return dramFree_[size_t(bank)]; }

  std::vector<ProgramStats>& programs() { return programs_; }
  std::vector<TraceEvent>& trace() { return trace_; }
  uint64_t elapsedCycles() const { return elapsed_; }
  void advanceElapsed(uint64_t cycles) { elapsed_ += cycles; }

 private:
  std::unique_ptr<Machine> machine_;
  std::vector<CoreState> cores_;
  std::vector<uint64_t> dramFree_;
  std::vector<ProgramStats> programs_;
  std::vector<TraceEvent> trace_;
  uint64_t elapsed_ = 0;  // cycles of all programs run so far (trace timestamps continue across them)
  bool tracing_ = false;
};

// The kernel fiber currently running (never null inside abi:: calls).
KernelInstance& currentKernel();

}  // namespace tilec::sim::rt

namespace tilec::sim::rt {
// Moves the kernel's clock forward to `time` (if later), accounting the gap as waiting in `what`.
void waitUntil(KernelInstance& k, uint64_t time, const char* what);
}  // namespace tilec::sim::rt
