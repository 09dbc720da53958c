// A circular buffer on one core with TT-Metalium's counter semantics: pages received/acked (16-bit
// wrapping), read/write pointers that wrap only when they land exactly on the end, plus the protocol
// bookkeeping the checks need (pages reserved and waited for, the producer and consumer kernels)
// and, per page slot, the virtual time it was filled or freed (for the timing model).
#pragma once
#include <cstdint>
#include <vector>

#include "tilec_sim/host/types.hpp"

namespace tilec::sim::rt {

struct KernelInstance;

struct CircularBuffer {
  bool configured = false;
  bool onHostBuffer = false;  // placed on a buffer's memory (set_globally_allocated_address): the host fills it
  uint32_t index = 0;
  uint32_t base = 0, size = 0, pageSize = 0, numPages = 0;
  tt::DataFormat format = tt::DataFormat::Float16_b;
  uint16_t received = 0, acked = 0;
  uint32_t wrPtr = 0, rdPtr = 0;          // L1 offsets
  uint32_t reservedPages = 0;             // granted by cb_reserve_back, consumed by cb_push_back
  uint32_t waitedPages = 0;               // granted by cb_wait_front, consumed by cb_pop_front
  uint32_t packedPages = 0;               // pack_tile's auto-advancing write slot since the last push
  KernelInstance* producer = nullptr;
  KernelInstance* consumer = nullptr;
  std::vector<uint64_t> filledAt, freedAt;  // per page slot, virtual cycles
  std::vector<uint32_t> fillCount;          // per page slot: pushes so far (keys the unpacked-tile cache)

  uint32_t pagesAvailable() const { return uint16_t(received - acked); }
  uint32_t pagesFree() const { return numPages - pagesAvailable(); }
  // Pages a consumer may take without a producer kernel's pushes: on a CB that sits on a buffer the
  // host wrote, and that no kernel produces into, the whole buffer is data that has already arrived.
  bool hostDataStandsIn() const { return onHostBuffer && producer == nullptr; }
  uint32_t slotOf(uint32_t ptr) const { return (ptr - base) / pageSize; }
  // L1 offset of page `i` counted from `ptr`, wrapping at the end of the buffer.
  uint32_t pageAddr(uint32_t ptr, uint32_t i) const {
    uint32_t off = (ptr - base) + i * pageSize;
    return base + off % size;
  }
  void reset(uint32_t idx, uint32_t b, uint32_t s, uint32_t page, tt::DataFormat f) {
    *this = CircularBuffer{};
    configured = true;
    index = idx, base = b, size = s, pageSize = page, format = f;
    numPages = page ? s / page : 0;
    wrPtr = rdPtr = b;
    filledAt.assign(numPages, 0);
    freedAt.assign(numPages, 0);
    fillCount.assign(numPages, 0);
  }
};

}  // namespace tilec::sim::rt
