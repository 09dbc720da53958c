// One running kernel on one core (a fiber): its virtual clock, what it is blocked on, its pending
// NoC transfers and (for compute kernels) the DST register file.
#pragma once
#include <boost/context/fiber.hpp>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "circular_buffer.hpp"
#include "program_state.hpp"
#include "tilec_sim/kernel/abi.h"

namespace tilec::sim::rt {

struct PendingRead {
  int core;
  uint32_t offset, bytes;
  uint64_t completesAt;
  abi::Loc loc;
};

// DST registers: 16 tiles of 32x32 fp32 values (row-major inside the simulator), locked by the
// acquire/commit/wait/release protocol; capacity per acquire depends on fp32 mode and sync mode.
struct ComputeState {
  std::array<std::array<float, 1024>, 16> dst{};
  std::array<bool, 16> dstWritten{};
  // Without fp32_dest_acc_en DST holds 16-bit values in the math engine's format, which follows the
  // first (srcA) operand of the latest operation: Float16 data stays IEEE half, anything else bf16.
  bool dstHoldsFp16 = false;
  bool mathOwns = false;  // between tile_regs_acquire and tile_regs_commit
  bool packOwns = false;  // between tile_regs_wait and tile_regs_release
  bool committed = false;
  bool matmulTransposeInit = false;
  bool packL1Acc = false;
  uint32_t capacity = 8;
  // Timing: the pack thread runs concurrently with math on the other half of DST (half-sync double
  // buffering). Work between tile_regs_wait and tile_regs_release advances packClock, not the math clock.
  uint64_t packClock = 0;
  uint64_t commitTime = 0;
  // The unpack thread is the kernel's own clock (`now`: it waits in cb_wait_front and frees pages in
  // cb_pop_front); the math thread runs on mathClock behind it. SrcA/SrcB are double-banked, so the
  // unpackers may fill the next operands while math works on the current ones, but no further:
  // unpacking an operation starts no earlier than the previous operation's math started (srcFree).
  uint64_t mathClock = 0;
  uint64_t srcFree = 0;
  bool legacySection = false;  // acquire_dst/release_dst: math and pack in one section, timed serially
  uint64_t halfFree[2] = {0, 0};
  int half = 0;
  // Matmul operands reused across a block are unpacked once: entries are keyed by (CB, page slot,
  // push count of that slot), so a page refilled by a later push never hits a stale entry.
  struct UnpackedTile {
    uint64_t key = ~0ull;
    alignas(64) float values[1024];
  };
  std::vector<UnpackedTile> unpackCache = std::vector<UnpackedTile>(64);
};

// Per-core state shared by the kernels on that core.
struct CoreState {
  std::array<CircularBuffer, 64> cbs;
  uint64_t nocFree[2] = {0, 0};  // when each NoC interface of the core can start its next transfer
};

struct KernelInstance {
  int id = 0;
  int core = 0;
  Risc risc = Risc::kBrisc;
  const KernelSpec* spec = nullptr;
  uint32_t numArgs = 0, numCommonArgs = 0;

  // Virtual time and accounting. A compute kernel runs three threads at once (UNPACK on `now`, MATH
  // and PACK on their own clocks, ComputeState), so busy and wait cycles are kept per thread: summed
  // they would count overlapping work twice and exceed the kernel's elapsed time. A data-movement
  // kernel uses kOwnThread only.
  enum Thread { kOwnThread, kMathThread, kPackThread, kThreads };
  uint64_t now = 0;
  uint64_t busy[kThreads] = {}, waited[kThreads] = {};
  bool done = false;
  bool usesL1Window = false;
  uint32_t dprintThreads = 0;  // DPRINT_UNPACK/MATH/PACK in force (abi::DprintThreads); 0: the RISC's own  // dereferenced a raw L1 device address (l1_window.hpp)
  uint64_t matmulTileOps = 0;

  // Blocking state (for the deadlock report).
  const char* blockedIn = nullptr;
  abi::Loc blockedLoc{nullptr, 0};
  uintptr_t waitKey = 0;
  int blockedCb = -1;
  volatile uint32_t* semaphore = nullptr;  // set while waiting on a semaphore
  uint32_t semaphoreValue = 0;
  bool semaphoreAtLeast = false;

  // NoC.
  std::vector<PendingRead> pendingReads;
  uint64_t readsComplete = 0, writesComplete = 0;

  std::unique_ptr<ComputeState> compute;
  boost::context::fiber context;    // the kernel's fiber
  boost::context::fiber scheduler;  // where to return when it blocks

  std::string describe() const;
};

// The clock that the kernel's current work advances: the pack thread's while a compute kernel packs
// (tile_regs_wait .. tile_regs_release), otherwise the kernel's own.
inline KernelInstance::Thread activeThread(const KernelInstance& k) {
  return k.compute && k.compute->packOwns && !k.compute->mathOwns ? KernelInstance::kPackThread
                                                                   : KernelInstance::kOwnThread;
}
inline uint64_t& activeClock(KernelInstance& k) {
  return activeThread(k) == KernelInstance::kPackThread ? k.compute->packClock : k.now;
}

}  // namespace tilec::sim::rt
