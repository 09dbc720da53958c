// Deterministic discrete-event execution of kernel fibers. The scheduler always resumes the runnable
// fiber with the smallest virtual time (ties: lowest id). A blocking call parks its fiber on a key
// (a CB, a semaphore word); an event on that key makes it runnable again no earlier than the event's
// virtual time. No runnable fiber while some are unfinished is a deadlock.
#pragma once
#include <cstdint>
#include <functional>
#include <queue>
#include <unordered_map>
#include <vector>

#include "kernel_instance.hpp"

namespace tilec::sim::rt {

class Scheduler {
 public:
  static Scheduler& instance();

  // Runs all instances to completion; on deadlock prints the report and exits with code 4.
  void run(std::vector<KernelInstance*> instances, std::function<void(KernelInstance&)> body);
  KernelInstance* current() const { return current_; }

  // Parks the current fiber on `key` until wake(key) (the caller re-checks its condition).
  void block(uintptr_t key, const char* call, abi::Loc loc);
  void wake(uintptr_t key, uint64_t eventTime);
  // Lets fibers with an earlier virtual time run first, so shared resources see requests in order.
  void yieldIfAhead();
  uint64_t contextSwitches() const { return switches_; }

 private:
  struct Ready {
    uint64_t time;
    int id;
    KernelInstance* k;
    bool operator>(const Ready& o) const { return time != o.time ? time > o.time : id > o.id; }
  };
  void makeReady(KernelInstance* k) { ready_.push({k->now, k->id, k}); }
  void switchToScheduler();
  bool pollSemaphores();
  [[noreturn]] void reportDeadlock();

  std::priority_queue<Ready, std::vector<Ready>, std::greater<Ready>> ready_;
  std::unordered_map<uintptr_t, std::vector<KernelInstance*>> parked_;
  std::vector<KernelInstance*> all_;
  KernelInstance* current_ = nullptr;
  uint64_t switches_ = 0;
};

}  // namespace tilec::sim::rt
