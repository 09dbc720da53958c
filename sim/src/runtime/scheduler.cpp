#include "scheduler.hpp"

#include <fmt/format.h>

#include <boost/context/protected_fixedsize_stack.hpp>
#include <cstdio>

#include "diagnostics.hpp"
#include "dprint.hpp"
#include "fault_handler.hpp"
#include "l1_window.hpp"
#include "simulator.hpp"

namespace tilec::sim::rt {

namespace ctx = boost::context;

Scheduler& Scheduler::instance() {
  static Scheduler s;
  return s;
}

std::string KernelInstance::describe() const {
  auto& m = Simulator::get().machine();
  return fmt::format("core ({},{}) {} kernel {}", m.logicalX(core), m.logicalY(core), riscName(risc),
                     spec ? spec->displayName() : "?");
}

void Scheduler::run(std::vector<KernelInstance*> instances, std::function<void(KernelInstance&)> body) {
  all_ = instances;
  ensureFaultStack();
  for (KernelInstance* k : instances) {
    k->context = ctx::fiber(std::allocator_arg, ctx::protected_fixedsize_stack(512 * 1024),
                            [k, &body](ctx::fiber&& back) {
                              k->scheduler = std::move(back);
                              body(*k);
                              k->done = true;
                              return std::move(k->scheduler);
                            });
    makeReady(k);
  }
  size_t unfinished = instances.size();
  while (unfinished > 0) {
    if (ready_.empty() && !pollSemaphores()) reportDeadlock();
    Ready next = ready_.top();
    ready_.pop();
    current_ = next.k;
    ++switches_;
    L1Window::instance().enter(*current_);
    current_->context = std::move(current_->context).resume();
    if (current_->done) --unfinished;
    current_ = nullptr;
  }
  L1Window::instance().leave();
  parked_.clear();
  all_.clear();
}

void Scheduler::switchToScheduler() {
  KernelInstance* k = current_;
  k->scheduler = std::move(k->scheduler).resume();
}

void Scheduler::block(uintptr_t key, const char* call, abi::Loc loc) {
  KernelInstance* k = current_;
  k->blockedIn = call;
  k->blockedLoc = loc;
  k->waitKey = key;
  parked_[key].push_back(k);
  switchToScheduler();
  k->blockedIn = nullptr;
  k->semaphore = nullptr;
  k->blockedCb = -1;
}

void Scheduler::wake(uintptr_t key, uint64_t eventTime) {
  auto it = parked_.find(key);
  if (it == parked_.end()) return;
  std::vector<KernelInstance*> waiters = std::move(it->second);
  parked_.erase(it);
  for (KernelInstance* k : waiters) {
    uint64_t& clock = activeClock(*k);
    if (eventTime > clock) {
      k->waited[activeThread(*k)] += eventTime - clock;
      Simulator::get().traceWait(*k, clock, eventTime);
      clock = eventTime;
    }
    makeReady(k);
  }
}

void Scheduler::yieldIfAhead() {
  KernelInstance* k = current_;
  if (ready_.empty() || ready_.top().time >= k->now) return;
  makeReady(k);
  switchToScheduler();
}

// Semaphores may also be written with plain stores through an L1 pointer, which the simulator does not
// see; before declaring a deadlock, re-check every semaphore waiter's condition.
bool Scheduler::pollSemaphores() {
  bool progressed = false;
  for (auto it = parked_.begin(); it != parked_.end();) {
    std::vector<KernelInstance*>& ws = it->second;
    for (size_t i = 0; i < ws.size();) {
      KernelInstance* k = ws[i];
      bool satisfied = k->semaphore && (k->semaphoreAtLeast ? *k->semaphore >= k->semaphoreValue
                                                            : *k->semaphore == k->semaphoreValue);
      if (satisfied) {
        makeReady(k);
        ws.erase(ws.begin() + long(i));
        progressed = true;
      } else {
        ++i;
      }
    }
    it = ws.empty() ? parked_.erase(it) : std::next(it);
  }
  return progressed;
}

void Scheduler::reportDeadlock() {
  auto& sim = Simulator::get();
  flushAllDprints();
  std::fprintf(stderr, "tilec-sim: error: deadlock: no kernel can make progress; blocked kernels:\n");
  for (KernelInstance* k : all_) {
    if (k->done) continue;
    std::string detail;
    if (k->blockedCb >= 0) {
      const CircularBuffer& cb = sim.core(k->core).cbs[size_t(k->blockedCb)];
      detail = fmt::format(" cb {}: {} pages, received={} acked={} (available {}, free {})", k->blockedCb,
                           cb.numPages, cb.received, cb.acked, cb.pagesAvailable(), cb.pagesFree());
    } else if (k->semaphore) {
      detail = fmt::format(" semaphore value {} (waiting for {}{})", *k->semaphore,
                           k->semaphoreAtLeast ? ">= " : "", k->semaphoreValue);
    }
    std::fprintf(stderr, "  %s: blocked in %s at %s%s\n", k->describe().c_str(),
                 k->blockedIn ? k->blockedIn : "?", describeLoc(k->blockedLoc).c_str(), detail.c_str());
  }
  stopSimulation();
}

}  // namespace tilec::sim::rt
