#include "l1_window.hpp"

#include <sys/mman.h>

#include <cerrno>

#include "kernel_instance.hpp"
#include "machine.hpp"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

namespace tilec::sim::rt {

L1Window& L1Window::instance() {
  static L1Window w;
  return w;
}

void L1Window::install(Machine& m) {
  if (reserved_) return;
  machine_ = &m;
  floor_ = m.arch().l1UnreservedBase;
  end_ = m.arch().l1Size;
  reservedEnd_ = kL1SlotBytes;  // [end_, 2 MiB) stays inaccessible: addresses past L1 fault there
  void* want = reinterpret_cast<void*>(uintptr_t(floor_));
  void* p = mmap(want, reservedEnd_ - floor_, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
                 -1, 0);
  if (p == MAP_FAILED) return;  // the range is in use: raw L1 addresses are reported, not served
  if (p != want) {               // a kernel without MAP_FIXED_NOREPLACE took it as a hint
    munmap(p, reservedEnd_ - floor_);
    return;
  }
  reserved_ = true;
}

void L1Window::map(int core) {
  void* at = reinterpret_cast<void*>(uintptr_t(floor_));
  mmap(at, end_ - floor_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, machine_->l1Fd(),
       off_t(uint64_t(core) * kL1SlotBytes + floor_));
  mappedCore_ = core;
}

void L1Window::unmap() {
  void* at = reinterpret_cast<void*>(uintptr_t(floor_));
  mmap(at, end_ - floor_, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
  mappedCore_ = -1;
}

void L1Window::enter(KernelInstance& k) {
  if (!reserved_ || mappedCore_ == k.core) return;
  if (k.usesL1Window) map(k.core);
  else if (mappedCore_ >= 0) unmap();
}

void L1Window::leave() {
  if (reserved_ && mappedCore_ >= 0) unmap();
}

// Runs inside the SIGSEGV handler: mmap is a plain system call here, safe to issue.
bool L1Window::mapOnFault(uintptr_t addr, KernelInstance* k) {
  if (!k || !reserved_ || addr < floor_ || addr >= end_ || mappedCore_ == k->core) return false;
  map(k->core);
  k->usesL1Window = true;
  return true;
}

}  // namespace tilec::sim::rt
