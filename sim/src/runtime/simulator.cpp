#include "simulator.hpp"

#include <cstdlib>

#include "diagnostics.hpp"
#include "dprint.hpp"
#include "fault_handler.hpp"
#include "l1_window.hpp"
#include "scheduler.hpp"

namespace tilec::sim::rt {

static Simulator* g_simulator = nullptr;
static constexpr size_t kMaxTraceEvents = 2'000'000;

Simulator& Simulator::get() {
  if (!g_simulator) g_simulator = new Simulator();  // intentionally leaked: used from atexit
  return *g_simulator;
}
bool Simulator::exists() { return g_simulator && g_simulator->machine_; }

void Simulator::createMachine(const std::string& archName) {
  if (machine_) return;
  machine_ = std::make_unique<Machine>(archByName(archName));
  cores_.resize(size_t(machine_->numCores()));
  dramFree_.assign(size_t(machine_->arch().numDramBanks), 0);
  L1Window::instance().install(*machine_);
  installFaultHandler();
  loadDprintSettings();
  const char* traceFile = std::getenv("TILEC_SIM_TRACE");
  tracing_ = traceFile && *traceFile;
}

void Simulator::resetCores() {
  for (auto& c : cores_) c = CoreState{};
  for (auto& d : dramFree_) d = 0;
}

void Simulator::charge(KernelInstance& k, uint64_t cycles, const char* what) {
  if (tracing_ && trace_.size() < kMaxTraceEvents)
    trace_.push_back({k.core, int(k.risc), what, elapsed_ + activeClock(k), cycles});
  activeClock(k) += cycles;
  k.busy[activeThread(k)] += cycles;
}

void Simulator::traceAt(KernelInstance& k, const char* what, uint64_t start, uint64_t cycles) {
  if (tracing_ && trace_.size() < kMaxTraceEvents) trace_.push_back({k.core, int(k.risc), what, elapsed_ + start, cycles});
}

void Simulator::traceWait(KernelInstance& k, uint64_t from, uint64_t to) {
  if (tracing_ && trace_.size() < kMaxTraceEvents && k.blockedIn)
    trace_.push_back({k.core, int(k.risc), k.blockedIn, elapsed_ + from, to - from});
}

KernelInstance& currentKernel() {
  KernelInstance* k = Scheduler::instance().current();
  if (!k) failHost("a device API function was called outside a kernel");
  return *k;
}

}  // namespace tilec::sim::rt

namespace tilec::sim::rt {
void waitUntil(KernelInstance& k, uint64_t time, const char* what) {
  uint64_t& clock = activeClock(k);
  if (time <= clock) return;
  const char* saved = k.blockedIn;
  k.blockedIn = what;
  Simulator::get().traceWait(k, clock, time);
  k.blockedIn = saved;
  k.waited[activeThread(k)] += time - clock;
  clock = time;
}
}  // namespace tilec::sim::rt
