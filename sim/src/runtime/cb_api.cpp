// cb_reserve_back / cb_push_back / cb_wait_front / cb_pop_front and friends, with the protocol checks
// of docs/SIMULATOR.md: chunk size dividing the capacity, push without reserve, pop past what was
// waited for, a second producer or consumer, pushing pages whose NoC read has not completed.
#include <fmt/format.h>

#include "cb_access.hpp"
#include "diagnostics.hpp"
#include "scheduler.hpp"
#include "simulator.hpp"

namespace tilec::sim::rt {

static constexpr uint64_t kCbOpCycles = 4;

CircularBuffer& circularBuffer(KernelInstance& k, uint32_t index, abi::Loc loc, const char* call) {
  const ArchSpec& arch = Simulator::get().machine().arch();
  if (index >= uint32_t(arch.numCircularBuffers))
    fail(loc, fmt::format("{}: CB index {} is past the {} circular buffers of {}", call, index,
                          arch.numCircularBuffers, arch.name));
  CircularBuffer& cb = Simulator::get().core(k.core).cbs[index];
  if (!cb.configured)
    fail(loc, fmt::format("{}: CB {} is not configured on this core (no CreateCircularBuffer covers it)", call, index));
  return cb;
}

static void checkChunk(const CircularBuffer& cb, uint32_t pages, abi::Loc loc, const char* call) {
  if (pages == 0 || cb.numPages % pages != 0)
    fail(loc, fmt::format("{}: chunk of {} pages does not divide the capacity of CB {} ({} pages); the CB "
                          "pointer would wrap in the middle of a chunk",
                          call, pages, cb.index, cb.numPages));
}

static void claimRole(CircularBuffer& cb, KernelInstance*& role, KernelInstance& k, abi::Loc loc, const char* call,
                      const char* roleName) {
  if (!role) {
    role = &k;
    return;
  }
  if (role != &k)
    fail(loc, fmt::format("{}: CB {} already has a {} ({}); a CB has one producer and one consumer", call, cb.index,
                          roleName, role->describe()));
}

// The blocking half shared by cb_reserve_back and cb_wait_front: parks the kernel until
// `pagesReady()` covers `pages`, then advances its clock to when the last of those pages (from `ptr`)
// was freed (reserve) or filled (wait), as recorded in `stamps`.
template <class PagesReady>
static void awaitPages(KernelInstance& k, CircularBuffer& cb, uint32_t index, uint32_t pages, uint32_t ptr,
                       const std::vector<uint64_t>& stamps, PagesReady pagesReady, abi::Loc loc, const char* call) {
  Scheduler::instance().yieldIfAhead();
  while (pagesReady() < pages) {
    k.blockedCb = int(index);
    Scheduler::instance().block(reinterpret_cast<uintptr_t>(&cb), call, loc);
  }
  uint64_t readyAt = 0;
  for (uint32_t i = 0; i < pages; ++i) readyAt = std::max(readyAt, stamps[cb.slotOf(cb.pageAddr(ptr, i))]);
  waitUntil(k, readyAt, call);
}

}  // namespace tilec::sim::rt

namespace tilec::sim::abi {
using namespace tilec::sim::rt;

void cbReserveBack(uint32_t index, uint32_t pages, Loc loc) {
  KernelInstance& k = currentKernel();
  CircularBuffer& cb = circularBuffer(k, index, loc, "cb_reserve_back");
  claimRole(cb, cb.producer, k, loc, "cb_reserve_back", "producer");
  if (pages > cb.numPages)
    fail(loc, fmt::format("cb_reserve_back: {} pages requested but CB {} holds only {}", pages, index, cb.numPages));
  awaitPages(k, cb, index, pages, cb.wrPtr, cb.freedAt, [&] { return cb.pagesFree(); }, loc, "cb_reserve_back");
  cb.reservedPages = std::max(cb.reservedPages, pages);
  Simulator::get().charge(k, kCbOpCycles, "cb_reserve_back");
}

void cbPushBack(uint32_t index, uint32_t pages, Loc loc) {
  KernelInstance& k = currentKernel();
  CircularBuffer& cb = circularBuffer(k, index, loc, "cb_push_back");
  claimRole(cb, cb.producer, k, loc, "cb_push_back", "producer");
  checkChunk(cb, pages, loc, "cb_push_back");
  if (pages > cb.reservedPages) {
    // Hardware only moves the write pointer and the counter: harmless while those pages are free.
    std::string what = fmt::format("cb_push_back: pushing {} pages to CB {} but only {} were reserved with cb_reserve_back",
                                   pages, index, cb.reservedPages);
    if (pages > cb.pagesFree())
      fail(loc, fmt::format("{}, and only {} are free: the push overwrites pages the consumer has not popped", what,
                            cb.pagesFree()));
    warn(loc, what + "; hardware tolerates it here because those pages are free");
    cb.reservedPages = pages;
  }
  checkNoPendingRead(k, cb.wrPtr, pages * cb.pageSize, loc, "cb_push_back");
  Simulator::get().charge(k, kCbOpCycles, "cb_push_back");
  for (uint32_t i = 0; i < pages; ++i) {
    uint32_t slot = cb.slotOf(cb.pageAddr(cb.wrPtr, i));
    cb.filledAt[slot] = activeClock(k);
    ++cb.fillCount[slot];
  }
  cb.received = uint16_t(cb.received + pages);
  cb.reservedPages -= pages;
  cb.packedPages = 0;
  cb.wrPtr += pages * cb.pageSize;
  if (cb.wrPtr >= cb.base + cb.size) cb.wrPtr -= cb.size;
  Scheduler::instance().wake(reinterpret_cast<uintptr_t>(&cb), activeClock(k));
}

void cbWaitFront(uint32_t index, uint32_t pages, Loc loc) {
  KernelInstance& k = currentKernel();
  CircularBuffer& cb = circularBuffer(k, index, loc, "cb_wait_front");
  claimRole(cb, cb.consumer, k, loc, "cb_wait_front", "consumer");
  if (pages > cb.numPages)
    fail(loc, fmt::format("cb_wait_front: waiting for {} pages but CB {} holds only {}", pages, index, cb.numPages));
  awaitPages(k, cb, index, pages, cb.rdPtr, cb.filledAt, [&] { return cb.pagesAvailable(); }, loc, "cb_wait_front");
  cb.waitedPages = std::max(cb.waitedPages, pages);
  Simulator::get().charge(k, kCbOpCycles, "cb_wait_front");
}

void cbPopFront(uint32_t index, uint32_t pages, Loc loc) {
  KernelInstance& k = currentKernel();
  CircularBuffer& cb = circularBuffer(k, index, loc, "cb_pop_front");
  claimRole(cb, cb.consumer, k, loc, "cb_pop_front", "consumer");
  checkChunk(cb, pages, loc, "cb_pop_front");
  if (pages > cb.waitedPages) {
    // Hardware only moves the read pointer and the counter: harmless once those pages have arrived.
    std::string what = fmt::format("cb_pop_front: popping {} pages from CB {} but only {} were waited for with cb_wait_front",
                                   pages, index, cb.waitedPages);
    if (pages > cb.pagesAvailable() && cb.hostDataStandsIn()) {
      // The host's data stands in for pushes nobody makes: count those pages as arrived.
      warn(loc, what + "; the CB sits on a buffer the host wrote and no kernel pushes into it, so hardware pops "
                       "the buffer's data");
      cb.received = uint16_t(cb.received + (pages - cb.pagesAvailable()));
    } else if (pages > cb.pagesAvailable()) {
      fail(loc, fmt::format("{}, and only {} have arrived: the pop frees pages the producer has not pushed", what,
                            cb.pagesAvailable()));
    } else {
      warn(loc, what + "; hardware tolerates it here because those pages have arrived");
    }
    cb.waitedPages = pages;
  }
  Simulator::get().charge(k, kCbOpCycles, "cb_pop_front");
  for (uint32_t i = 0; i < pages; ++i) cb.freedAt[cb.slotOf(cb.pageAddr(cb.rdPtr, i))] = activeClock(k);
  cb.acked = uint16_t(cb.acked + pages);
  cb.waitedPages -= pages;
  cb.rdPtr += pages * cb.pageSize;
  if (cb.rdPtr >= cb.base + cb.size) cb.rdPtr -= cb.size;
  Scheduler::instance().wake(reinterpret_cast<uintptr_t>(&cb), activeClock(k));
}

bool cbPagesReservableAtBack(uint32_t index, uint32_t pages, Loc loc) {
  KernelInstance& k = currentKernel();
  Scheduler::instance().yieldIfAhead();
  return circularBuffer(k, index, loc, "cb_pages_reservable_at_back").pagesFree() >= pages;
}
bool cbPagesAvailableAtFront(uint32_t index, uint32_t pages, Loc loc) {
  KernelInstance& k = currentKernel();
  Scheduler::instance().yieldIfAhead();
  return circularBuffer(k, index, loc, "cb_pages_available_at_front").pagesAvailable() >= pages;
}
uint32_t cbWritePtr(uint32_t index, Loc loc) {
  KernelInstance& k = currentKernel();
  return Simulator::get().machine().hostL1Addr(k.core, circularBuffer(k, index, loc, "get_write_ptr").wrPtr);
}
uint32_t cbReadPtr(uint32_t index, Loc loc) {
  KernelInstance& k = currentKernel();
  return Simulator::get().machine().hostL1Addr(k.core, circularBuffer(k, index, loc, "get_read_ptr").rdPtr);
}
uint32_t cbPageSize(uint32_t index, Loc loc) {
  return circularBuffer(currentKernel(), index, loc, "get_tile_size").pageSize;
}
uint8_t cbDataFormat(uint32_t index, Loc loc) {
  return uint8_t(circularBuffer(currentKernel(), index, loc, "get_dataformat").format);
}

}  // namespace tilec::sim::abi
