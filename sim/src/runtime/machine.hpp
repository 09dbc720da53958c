// The chip's memories and coordinates: one L1 byte array per worker core (real addresses), DRAM
// banks with the interleaved page mapping, NoC coordinates of cores and banks.
//
// Every core's L1 lives in one pool mapped below 2 GiB (MAP_32BIT), one 2 MiB slot per core, so
// that an L1 address handed to a kernel (get_write_ptr, get_semaphore) is a real 32-bit host pointer
// the kernel may dereference. Raw device addresses (a buffer's address() passed as a runtime arg)
// work too: the running core's slot is also mapped at the device addresses (l1_window.hpp). Device addresses are offsets in the slot; `l1Offset` turns either form
// into the offset, which is what a NoC transfer to another core uses (same address on every core).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "arch.hpp"

namespace tilec::sim::rt {

inline constexpr uint32_t kL1SlotBytes = 2u << 20;
inline constexpr uint64_t kNocCoordShift = 36;
inline constexpr uint64_t kNocLocalMask = (uint64_t(1) << kNocCoordShift) - 1;
inline constexpr uint32_t kMulticastFlag = 1u << 24;

// Fixed L1 map below the unreserved base.
inline constexpr uint32_t kRuntimeArgsBase = 0x1000;   // 3 RISCs x 0x600 bytes of unique args
inline constexpr uint32_t kCommonArgsBase = 0x2200;    // 3 RISCs x 0x600 bytes of common args
inline constexpr uint32_t kArgsStride = 0x600;
inline constexpr uint32_t kMaxRuntimeArgs = 341;
inline constexpr uint32_t kSemaphoreBase = 0x3400;
inline constexpr uint32_t kMaxSemaphores = 16;

struct NocTarget {
  enum Kind { kWorkerL1, kDramBank } kind;
  int index;        // core index or bank index
  uint32_t offset;  // L1 offset or bank-local address
};

struct DramBufferRange {
  uint32_t base;
  uint32_t bytesPerBank;
};

class Machine {
 public:
  explicit Machine(const ArchSpec& arch);
  ~Machine();
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;

  const ArchSpec& arch() const { return arch_; }
  int numCores() const { return arch_.gridX * arch_.gridY; }
  int coreIndex(int x, int y) const { return y * arch_.gridX + x; }
  int logicalX(int core) const { return core % arch_.gridX; }
  int logicalY(int core) const { return core / arch_.gridX; }
  // NoC ("virtual") coordinates, Wormhole/Blackhole-like: worker columns/rows skip DRAM/eth rows.
  uint32_t nocX(int core) const;
  uint32_t nocY(int core) const;
  std::optional<int> coreAtNoc(uint32_t x, uint32_t y) const;
  uint32_t dramNocX(int bank) const;
  uint32_t dramNocY(int bank) const;
  int hops(uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1) const;

  // L1.
  uint8_t* l1(int core) { return pool_ + uint64_t(core) * kL1SlotBytes; }
  int l1Fd() const { return l1Fd_; }  // the pool's memfd: core c's L1 is at offset c * kL1SlotBytes
  uint32_t hostL1Addr(int core, uint32_t offset) const {
    return uint32_t(reinterpret_cast<uintptr_t>(pool_) + uint64_t(core) * kL1SlotBytes + offset);
  }
  // Offset within L1 of an address given either as a device offset or as a pool pointer.
  std::optional<uint32_t> l1Offset(uint64_t addr) const;
  std::optional<int> coreOfHostAddr(uint64_t addr) const;

  // DRAM.
  uint8_t* dram(int bank) { return dram_[bank].data(); }
  // An interleaved DRAM buffer of `pages` pages, page p in bank p % banks at base + (p / banks) * stride
  // (same base in every bank).
  uint32_t allocateDram(uint32_t bytesPerBank, uint32_t pages, uint32_t stride);
  uint32_t allocateL1Buffer(uint32_t bytesPerBank);  // top-down in every core's L1
  uint32_t l1BufferFloor() const { return l1Top_; }
  void releaseDram(uint32_t base);
  void releaseL1(uint32_t base);
  // Whether [addr, addr + bytes) in `bank` lies inside pages of one buffer that exist: the last
  // row of an interleaved buffer fills only some banks, and the slots of the others are not its pages.
  bool dramRangeAllocated(int bank, uint32_t addr, uint32_t bytes) const;

 private:
  ArchSpec arch_;
  uint8_t* pool_ = nullptr;
  int l1Fd_ = -1;
  std::vector<std::vector<uint8_t>> dram_;
  uint32_t dramNext_ = 0x100000;
  uint32_t l1Top_;
  struct DramBuffer {
    uint32_t bytesPerBank, pages, stride;
  };
  std::map<uint32_t, DramBuffer> dramBuffers_;  // by base address
  std::map<uint32_t, uint32_t> l1Buffers_;
};

}  // namespace tilec::sim::rt
