// Data-movement API: runtime args, NoC addressing and transfers, multicast, semaphores, DPRINT.
//
// Transfers copy their bytes when issued (so a kernel that forgets a barrier still sees data on the
// simulator) but the destination range is remembered until noc_async_read_barrier: pushing those pages
// into a CB or sending them on over the NoC before the barrier is reported as an error. Timing: each
// transfer occupies the issuing core's NoC interface for bytes / link-rate cycles and, for DRAM, the
// bank for bytes / bank-rate cycles (requests queue on a busy bank: contention); it completes after the
// hop and DRAM latencies. Barriers wait for the latest completion.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "cb_access.hpp"
#include "diagnostics.hpp"
#include "scheduler.hpp"
#include "simulator.hpp"

namespace tilec::sim::rt {

static constexpr uint64_t kNocIssueCycles = 8;

static uint64_t encodeUnicast(uint32_t x, uint32_t y, uint32_t addr) {
  return (uint64_t((y << 6) | x) << kNocCoordShift) | addr;
}

void checkNoPendingRead(KernelInstance& k, uint32_t offset, uint32_t bytes, abi::Loc loc, const char* call) {
  for (const PendingRead& r : k.pendingReads) {
    if (r.core != k.core) continue;
    if (offset < r.offset + r.bytes && r.offset < offset + bytes)
      fail(loc, fmt::format("{}: L1 [{:#x}, {:#x}) is the destination of noc_async_read at {} that has not reached "
                            "noc_async_read_barrier",
                            call, offset, offset + bytes, describeLoc(r.loc)));
  }
}

namespace {

struct Endpoint {
  NocTarget target;
  uint32_t nocX, nocY;
  uint8_t* bytes;
};

// Resolves a unicast NoC address into memory, checking that [addr, addr+size) lies in L1 or in an
// allocated DRAM buffer.
Endpoint resolve(uint64_t nocAddr, uint32_t size, abi::Loc loc, const char* call) {
  Machine& m = Simulator::get().machine();
  uint32_t xy = uint32_t(nocAddr >> kNocCoordShift);
  if (xy & kMulticastFlag) fail(loc, fmt::format("{}: a multicast address was used for a unicast transfer", call));
  uint32_t x = xy & 63, y = (xy >> 6) & 63;
  uint64_t local = nocAddr & kNocLocalMask;
  if (auto core = m.coreAtNoc(x, y)) {
    auto off = m.l1Offset(local);
    if (!off || uint64_t(*off) + size > m.arch().l1Size)
      fail(loc, fmt::format("{}: NoC access of {} bytes at {:#x} on core ({},{}) is outside its {} bytes of L1", call,
                            size, local, m.logicalX(*core), m.logicalY(*core), m.arch().l1Size));
    return {{NocTarget::kWorkerL1, *core, *off}, x, y, m.l1(*core) + *off};
  }
  for (int bank = 0; bank < m.arch().numDramBanks; ++bank) {
    if (m.dramNocX(bank) != x || m.dramNocY(bank) != y) continue;
    if (local > 0xFFFFFFFFu || !m.dramRangeAllocated(bank, uint32_t(local), size))
      fail(loc, fmt::format("{}: NoC access of {} bytes at {:#x} in DRAM bank {} is outside the pages of every allocated buffer",
                            call, size, local, bank));
    return {{NocTarget::kDramBank, bank, uint32_t(local)}, x, y, m.dram(bank) + local};
  }
  fail(loc, fmt::format("{}: NoC coordinates ({},{}) name no worker core or DRAM bank", call, x, y));
}

uint8_t* localL1(KernelInstance& k, uint32_t addr, uint32_t size, abi::Loc loc, const char* call, uint32_t* offset) {
  Machine& m = Simulator::get().machine();
  auto off = m.l1Offset(addr);
  if (!off || uint64_t(*off) + size > m.arch().l1Size)
    fail(loc, fmt::format("{}: local L1 range [{:#x}, +{}) is outside the core's {} bytes of L1", call, addr, size,
                          m.arch().l1Size));
  *offset = *off;
  return m.l1(k.core) + *off;
}

// Completion time of a transfer between this core and `remote` (DRAM banks add bandwidth queueing).
uint64_t transferDone(KernelInstance& k, uint8_t noc, const Endpoint& remote, uint32_t bytes) {
  Simulator& sim = Simulator::get();
  Machine& m = sim.machine();
  const ArchSpec& a = m.arch();
  uint64_t& nicFree = sim.core(k.core).nocFree[noc & 1];
  uint64_t start = std::max(k.now, nicFree);
  uint64_t linkCycles = uint64_t(double(bytes) / a.nocBytesPerCycle + 0.999);
  uint64_t end = start + linkCycles;
  uint64_t latency = uint64_t(a.nocBaseLatency) +
                     uint64_t(a.nocHopCycles) * uint64_t(m.hops(m.nocX(k.core), m.nocY(k.core), remote.nocX, remote.nocY));
  if (remote.target.kind == NocTarget::kDramBank) {
    uint64_t& bankFree = sim.dramBankFree(remote.target.index);
    uint64_t bankStart = std::max(start, bankFree);
    uint64_t bankEnd = bankStart + uint64_t(double(bytes) / a.dramBytesPerCyclePerBank + 0.999);
    bankFree = bankEnd;
    end = std::max(end, bankEnd);
    latency += uint64_t(a.dramLatency);
  }
  nicFree = start + linkCycles;
  return end + latency;
}

void wakeL1Writers(int core, uint32_t offset, uint32_t bytes, uint64_t time) {
  // Semaphore waiters park on the host address of their word; wake any inside the written range.
  Machine& m = Simulator::get().machine();
  for (uint32_t a = offset & ~3u; a < offset + bytes && a < offset + 64; a += 4)
    Scheduler::instance().wake(m.hostL1Addr(core, a), time);
  if (bytes > 64)
    for (uint32_t s = 0; s < kMaxSemaphores; ++s) {
      uint32_t a = kSemaphoreBase + s * 16;
      if (a >= offset && a < offset + bytes) Scheduler::instance().wake(m.hostL1Addr(core, a), time);
    }
}

}  // namespace
}  // namespace tilec::sim::rt

namespace tilec::sim::abi {
using namespace tilec::sim::rt;

uint32_t runtimeArg(uint32_t index, bool common, Loc loc) {
  KernelInstance& k = currentKernel();
  uint32_t count = common ? k.numCommonArgs : k.numArgs;
  if (index >= count)
    fail(loc, fmt::format("{}({}): only {} {}runtime args were set for this kernel on this core",
                          common ? "get_common_arg_val" : "get_arg_val", index, count, common ? "common " : ""));
  uint32_t value;
  std::memcpy(&value, Simulator::get().machine().l1(k.core) + runtimeArgAddrOffset(k, common) + index * 4, 4);
  return value;
}

uint32_t runtimeArgAddr(uint32_t index, bool common, Loc loc) {
  KernelInstance& k = currentKernel();
  if (index >= kMaxRuntimeArgs) fail(loc, fmt::format("get_arg_addr({}): past the {} runtime args", index, kMaxRuntimeArgs));
  return Simulator::get().machine().hostL1Addr(k.core, runtimeArgAddrOffset(k, common) + index * 4);
}

uint64_t nocUnicastAddr(uint32_t x, uint32_t y, uint32_t addr) { return encodeUnicast(x, y, addr); }
uint64_t nocLocalAddr(uint32_t addr) {
  KernelInstance& k = currentKernel();
  Machine& m = Simulator::get().machine();
  return encodeUnicast(m.nocX(k.core), m.nocY(k.core), addr);
}
uint64_t nocMulticastAddr(uint32_t xs, uint32_t ys, uint32_t xe, uint32_t ye, uint32_t addr) {
  // NoC1 kernels pass (end, start); the rectangle is the same either way.
  uint32_t x0 = std::min(xs, xe), x1 = std::max(xs, xe), y0 = std::min(ys, ye), y1 = std::max(ys, ye);
  uint64_t rect = uint64_t(x0) | uint64_t(y0) << 6 | uint64_t(x1) << 12 | uint64_t(y1) << 18 | kMulticastFlag;
  return (rect << kNocCoordShift) | addr;
}
uint64_t nocBankAddr(bool dram, uint32_t bank, uint32_t bankLocalAddr) {
  Machine& m = Simulator::get().machine();
  if (dram) return encodeUnicast(m.dramNocX(int(bank)), m.dramNocY(int(bank)), bankLocalAddr);
  return encodeUnicast(m.nocX(int(bank)), m.nocY(int(bank)), bankLocalAddr);
}
uint32_t numBanks(bool dram) {
  Machine& m = Simulator::get().machine();
  return dram ? uint32_t(m.arch().numDramBanks) : uint32_t(m.numCores());
}
uint32_t myNocX(uint8_t) { return Simulator::get().machine().nocX(currentKernel().core); }
uint32_t myNocY(uint8_t) { return Simulator::get().machine().nocY(currentKernel().core); }
uint32_t myLogicalX() { return uint32_t(Simulator::get().machine().logicalX(currentKernel().core)); }
uint32_t myLogicalY() { return uint32_t(Simulator::get().machine().logicalY(currentKernel().core)); }

void nocRead(uint64_t src, uint32_t dstL1, uint32_t bytes, uint8_t noc, Loc loc) {
  KernelInstance& k = currentKernel();
  Scheduler::instance().yieldIfAhead();
  Endpoint from = resolve(src, bytes, loc, "noc_async_read");
  uint32_t offset;
  uint8_t* to = localL1(k, dstL1, bytes, loc, "noc_async_read", &offset);
  std::memmove(to, from.bytes, bytes);
  Simulator::get().charge(k, kNocIssueCycles, "noc_async_read");
  uint64_t done = transferDone(k, noc, from, bytes);
  k.pendingReads.push_back({k.core, offset, bytes, done, loc});
  k.readsComplete = std::max(k.readsComplete, done);
}

void nocWrite(uint32_t srcL1, uint64_t dst, uint32_t bytes, uint8_t noc, Loc loc) {
  KernelInstance& k = currentKernel();
  Scheduler::instance().yieldIfAhead();
  uint32_t offset;
  uint8_t* from = localL1(k, srcL1, bytes, loc, "noc_async_write", &offset);
  checkNoPendingRead(k, offset, bytes, loc, "noc_async_write");
  Endpoint to = resolve(dst, bytes, loc, "noc_async_write");
  std::memmove(to.bytes, from, bytes);
  Simulator::get().charge(k, kNocIssueCycles, "noc_async_write");
  uint64_t done = transferDone(k, noc, to, bytes);
  k.writesComplete = std::max(k.writesComplete, done);
  if (to.target.kind == NocTarget::kWorkerL1) wakeL1Writers(to.target.index, to.target.offset, bytes, done);
}

void nocWriteMulticast(uint32_t srcL1, uint64_t dst, uint32_t bytes, uint32_t numDests, bool loopback, uint8_t noc,
                       Loc loc) {
  KernelInstance& k = currentKernel();
  Scheduler::instance().yieldIfAhead();
  Machine& m = Simulator::get().machine();
  const char* call = "noc_async_write_multicast";
  uint32_t rect = uint32_t(dst >> kNocCoordShift);
  if (!(rect & kMulticastFlag)) fail(loc, fmt::format("{}: destination is not a multicast address", call));
  uint32_t x0 = rect & 63, y0 = (rect >> 6) & 63, x1 = (rect >> 12) & 63, y1 = (rect >> 18) & 63;
  uint32_t offset;
  uint8_t* from = localL1(k, srcL1, bytes, loc, call, &offset);
  checkNoPendingRead(k, offset, bytes, loc, call);
  auto dstOff = m.l1Offset(dst & kNocLocalMask);
  if (!dstOff || *dstOff + uint64_t(bytes) > m.arch().l1Size)
    fail(loc, fmt::format("{}: destination range [{:#x}, +{}) is outside L1", call, dst & kNocLocalMask, bytes));
  std::vector<int> targets;
  for (int c = 0; c < m.numCores(); ++c) {
    uint32_t x = m.nocX(c), y = m.nocY(c);
    if (x < x0 || x > x1 || y < y0 || y > y1) continue;
    if (c == k.core && !loopback) continue;
    targets.push_back(c);
  }
  if (targets.size() != numDests || numDests == 0)
    fail(loc, fmt::format("{}: num_dests = {} but the rectangle NoC ({},{})-({},{}) holds {} destination cores{}", call,
                          numDests, x0, y0, x1, y1, targets.size(), loopback ? " (sender included)" : " (sender excluded)"));
  Simulator::get().charge(k, kNocIssueCycles, call);
  uint64_t done = 0;
  for (int c : targets) {
    std::memmove(m.l1(c) + *dstOff, from, bytes);
  }
  // One packet travels the rectangle: link time once, latency to the farthest corner.
  Endpoint farthest{{NocTarget::kWorkerL1, targets.back(), *dstOff}, x1, y1, nullptr};
  done = transferDone(k, noc, farthest, bytes);
  for (int c : targets) wakeL1Writers(c, *dstOff, bytes, done);
  k.writesComplete = std::max(k.writesComplete, done);
}

void nocReadBarrier(Loc) {
  KernelInstance& k = currentKernel();
  waitUntil(k, k.readsComplete, "noc_async_read_barrier");
  k.pendingReads.clear();
  Simulator::get().charge(k, 2, "noc_async_read_barrier");
}
void nocWriteBarrier(Loc) {
  KernelInstance& k = currentKernel();
  waitUntil(k, k.writesComplete, "noc_async_write_barrier");
  Simulator::get().charge(k, 2, "noc_async_write_barrier");
}
void nocAtomicBarrier(Loc loc) { nocWriteBarrier(loc); }

void nocInlineWrite(uint64_t dst, uint32_t value, Loc loc) {
  KernelInstance& k = currentKernel();
  Scheduler::instance().yieldIfAhead();
  Endpoint to = resolve(dst, 4, loc, "noc_inline_dw_write");
  std::memcpy(to.bytes, &value, 4);
  Simulator::get().charge(k, kNocIssueCycles, "noc_inline_dw_write");
  uint64_t done = transferDone(k, 0, to, 4);
  k.writesComplete = std::max(k.writesComplete, done);
  if (to.target.kind == NocTarget::kWorkerL1) wakeL1Writers(to.target.index, to.target.offset, 4, done);
}

uint32_t semaphoreAddr(uint32_t id, Loc loc) {
  if (id >= kMaxSemaphores) fail(loc, fmt::format("get_semaphore({}): past the {} semaphores", id, kMaxSemaphores));
  return Simulator::get().machine().hostL1Addr(currentKernel().core, kSemaphoreBase + id * 16);
}

// A semaphore named by its device address (a raw L1 pointer, l1_window.hpp) is the word in the core's
// pool slot: waiters are parked and woken on that address, and the scheduler polls it between fibers.
static volatile uint32_t* poolWord(KernelInstance& k, volatile uint32_t* sem) {
  auto a = reinterpret_cast<uintptr_t>(sem);
  if (a >= kL1SlotBytes) return sem;
  return reinterpret_cast<volatile uint32_t*>(Simulator::get().machine().l1(k.core) + a);
}

void semaphoreWait(volatile uint32_t* sem, uint32_t value, bool atLeast, Loc loc) {
  KernelInstance& k = currentKernel();
  sem = poolWord(k, sem);
  Scheduler::instance().yieldIfAhead();
  Machine& m = Simulator::get().machine();
  if (!m.coreOfHostAddr(reinterpret_cast<uintptr_t>(sem)))
    fail(loc, "noc_semaphore_wait: the pointer is not an L1 address (use get_semaphore(id))");
  auto satisfied = [&] { return atLeast ? *sem >= value : *sem == value; };
  while (!satisfied()) {
    k.semaphore = sem;
    k.semaphoreValue = value;
    k.semaphoreAtLeast = atLeast;
    Scheduler::instance().block(reinterpret_cast<uintptr_t>(sem), atLeast ? "noc_semaphore_wait_min" : "noc_semaphore_wait", loc);
  }
  Simulator::get().charge(k, 4, "noc_semaphore_wait");
}

void semaphoreSet(volatile uint32_t* sem, uint32_t value, Loc loc) {
  KernelInstance& k = currentKernel();
  sem = poolWord(k, sem);
  if (!Simulator::get().machine().coreOfHostAddr(reinterpret_cast<uintptr_t>(sem)))
    fail(loc, "noc_semaphore_set: the pointer is not an L1 address (use get_semaphore(id))");
  *sem = value;
  Simulator::get().charge(k, 2, "noc_semaphore_set");
  Scheduler::instance().wake(reinterpret_cast<uintptr_t>(sem), k.now);
}

void semaphoreInc(uint64_t dst, uint32_t increment, Loc loc) {
  KernelInstance& k = currentKernel();
  Scheduler::instance().yieldIfAhead();
  Endpoint to = resolve(dst, 4, loc, "noc_semaphore_inc");
  if (to.target.kind != NocTarget::kWorkerL1) fail(loc, "noc_semaphore_inc: the target is not a worker core's L1");
  uint32_t v;
  std::memcpy(&v, to.bytes, 4);
  v += increment;
  std::memcpy(to.bytes, &v, 4);
  Simulator::get().charge(k, kNocIssueCycles, "noc_semaphore_inc");
  uint64_t done = transferDone(k, 0, to, 4);
  k.writesComplete = std::max(k.writesComplete, done);
  Scheduler::instance().wake(Simulator::get().machine().hostL1Addr(to.target.index, to.target.offset), done);
}

}  // namespace tilec::sim::abi
