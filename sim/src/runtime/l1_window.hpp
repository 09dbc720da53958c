// Raw L1 addresses, as on hardware. Kernels take an L1 address as a number (a buffer's address()
// passed as a runtime arg, a constant) and dereference it; on a Tensix core that reaches the core's
// own L1. Here one host address range at the device addresses [l1UnreservedBase, l1Size) is reserved
// once, and while a kernel runs it shows that kernel's core's L1 (the same memfd pages as the pool,
// so writes through either view are seen by both).
//
// Mapping lazily keeps fiber switches free for kernels that never use raw addresses: the window is
// inaccessible until a kernel touches it; the fault handler then maps the running core's L1 and
// the access is retried. From then on that kernel is a "window user" and the scheduler remaps the
// window eagerly when it switches to it. Switching to any other core's kernel drops the mapping.
#pragma once
#include <cstdint>

namespace tilec::sim::rt {

class Machine;
struct KernelInstance;

class L1Window {
 public:
  static L1Window& instance();

  // Reserves the range (no-op when the address range is taken; raw addresses then fault and are reported).
  void install(Machine& m);
  // The scheduler is about to resume `k`: the window must show k's core or nothing.
  void enter(KernelInstance& k);
  // No kernel runs (between fibers and after a program): nothing is mapped.
  void leave();
  // Called from the fault handler for an access to `addr` by kernel `k` (null when no kernel runs):
  // true when the window was mapped for it and the access may be retried.
  bool mapOnFault(uintptr_t addr, KernelInstance* k);

  bool reserved() const { return reserved_; }
  uint32_t floor() const { return floor_; }  // first device address the window covers
  uint32_t end() const { return end_; }      // one past the last byte of L1
  uint32_t reservedEnd() const { return reservedEnd_; }
  bool covers(uintptr_t addr) const { return reserved_ && addr >= floor_ && addr < reservedEnd_; }

 private:
  void map(int core);
  void unmap();

  Machine* machine_ = nullptr;
  bool reserved_ = false;
  uint32_t floor_ = 0, end_ = 0, reservedEnd_ = 0;
  int mappedCore_ = -1;
};

}  // namespace tilec::sim::rt
