#include "machine.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tilec::sim::rt {

Machine::Machine(const ArchSpec& arch) : arch_(arch), dram_(arch.numDramBanks), l1Top_(arch.l1Size) {
  // A memfd rather than anonymous memory: the L1 window (l1_window.hpp) maps the running core's slot a
  // second time at the device addresses, and both views must share the same pages.
  size_t bytes = size_t(numCores()) * kL1SlotBytes;
  l1Fd_ = memfd_create("tilec-sim-l1", MFD_CLOEXEC);
  if (l1Fd_ < 0 || ftruncate(l1Fd_, off_t(bytes)) != 0) {
    std::perror("tilec-sim: cannot create the L1 memory");
    std::exit(4);
  }
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_32BIT, l1Fd_, 0);
  if (p == MAP_FAILED) {
    std::perror("tilec-sim: cannot map L1 below 2 GiB");
    std::exit(4);
  }
  pool_ = static_cast<uint8_t*>(p);
  // The rest of each 2 MiB slot is not L1: a kernel pointer that runs past its core's L1 faults there
  // (reported by the fault handler) instead of silently reaching the next core's.
  for (int c = 0; c < numCores(); ++c) mprotect(l1(c) + arch_.l1Size, kL1SlotBytes - arch_.l1Size, PROT_NONE);
}

Machine::~Machine() {
  munmap(pool_, size_t(numCores()) * kL1SlotBytes);
  close(l1Fd_);
}

// Wormhole: worker NoC x in {1..4, 6..9}, y in {1..5, 7..11}; Blackhole: x in {1..7, 10..16}, y in {2..11}.
uint32_t Machine::nocX(int core) const {
  int x = logicalX(core);
  if (arch_.name == "blackhole") return uint32_t(x + 1 + (x >= 7 ? 2 : 0));
  return uint32_t(x + 1 + (x >= 4 ? 1 : 0));
}
uint32_t Machine::nocY(int core) const {
  int y = logicalY(core);
  if (arch_.name == "blackhole") return uint32_t(y + 2);
  return uint32_t(y + 1 + (y >= 5 ? 1 : 0));
}
std::optional<int> Machine::coreAtNoc(uint32_t x, uint32_t y) const {
  for (int lx = 0; lx < arch_.gridX; ++lx) {
    if (nocX(lx) != x) continue;
    for (int ly = 0; ly < arch_.gridY; ++ly)
      if (nocY(coreIndex(lx, ly)) == y) return coreIndex(lx, ly);
  }
  return std::nullopt;
}
// DRAM banks sit in the NoC columns without workers (x = 0 and the gap column).
uint32_t Machine::dramNocX(int bank) const {
  int half = arch_.numDramBanks / 2;
  if (arch_.name == "blackhole") return bank < half ? 0 : 9;
  return bank < half ? 0 : 5;
}
uint32_t Machine::dramNocY(int bank) const {
  int half = arch_.numDramBanks / 2;
  return uint32_t(20 + bank % half);  // rows above the worker grid: never collide with workers
}
int Machine::hops(uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1) const {
  auto d = [](uint32_t a, uint32_t b) { return a > b ? int(a - b) : int(b - a); };
  int dy = y1 >= 20 || y0 >= 20 ? 2 : d(y0, y1);  // DRAM rows are modelled as 2 hops away vertically
  return d(x0, x1) + dy;
}

std::optional<uint32_t> Machine::l1Offset(uint64_t addr) const {
  uint64_t base = reinterpret_cast<uintptr_t>(pool_);
  if (addr < kL1SlotBytes) return uint32_t(addr);
  if (addr >= base && addr < base + uint64_t(numCores()) * kL1SlotBytes) return uint32_t((addr - base) % kL1SlotBytes);
  return std::nullopt;
}
std::optional<int> Machine::coreOfHostAddr(uint64_t addr) const {
  uint64_t base = reinterpret_cast<uintptr_t>(pool_);
  if (addr >= base && addr < base + uint64_t(numCores()) * kL1SlotBytes) return int((addr - base) / kL1SlotBytes);
  return std::nullopt;
}

uint32_t Machine::allocateDram(uint32_t bytesPerBank, uint32_t pages, uint32_t stride) {
  uint32_t aligned = (bytesPerBank + 63) & ~63u;
  uint32_t base = dramNext_;
  dramNext_ += aligned;
  for (auto& bank : dram_) bank.resize(dramNext_, 0);
  dramBuffers_[base] = {bytesPerBank, pages, stride};
  return base;
}
uint32_t Machine::allocateL1Buffer(uint32_t bytesPerBank) {
  uint32_t aligned = (bytesPerBank + 31) & ~31u;
  if (aligned > l1Top_ - arch_.l1UnreservedBase) {
    std::fprintf(stderr, "tilec-sim: error: L1 buffer of %u bytes per bank does not fit in L1\n", bytesPerBank);
    std::exit(4);
  }
  l1Top_ -= aligned;
  l1Buffers_[l1Top_] = bytesPerBank;
  return l1Top_;
}
void Machine::releaseDram(uint32_t base) { dramBuffers_.erase(base); }
void Machine::releaseL1(uint32_t base) { l1Buffers_.erase(base); }

bool Machine::dramRangeAllocated(int bank, uint32_t addr, uint32_t bytes) const {
  auto it = dramBuffers_.upper_bound(addr);
  if (it == dramBuffers_.begin()) return false;
  --it;
  const DramBuffer& buf = it->second;
  uint64_t last = uint64_t(addr) - it->first + (bytes ? bytes - 1 : 0);
  if (last >= buf.bytesPerBank) return false;
  // The last slot the range touches must hold a page of the buffer (earlier slots of the bank then do too).
  uint64_t page = last / buf.stride * uint64_t(arch_.numDramBanks) + uint64_t(bank);
  return page < buf.pages;
}

}  // namespace tilec::sim::rt
