// The boundary between JIT-compiled kernels and the simulator runtime (libtilec_sim_rt.so).
// Kernels are built without linking; these symbols resolve at dlopen time against the runtime that
// the host program already loaded. Every call carries the kernel's source location (`Loc`) so that
// protocol violations and deadlocks are reported at the user's line, not ours.
#pragma once
#include <cstddef>
#include <cstdint>

namespace tilec::sim::abi {

struct Loc {
  const char* file;
  int line;
};

// Arguments.
uint32_t runtimeArg(uint32_t index, bool common, Loc loc);
uint32_t runtimeArgAddr(uint32_t index, bool common, Loc loc);

// Circular buffers.
void cbReserveBack(uint32_t cb, uint32_t pages, Loc loc);
void cbPushBack(uint32_t cb, uint32_t pages, Loc loc);
void cbWaitFront(uint32_t cb, uint32_t pages, Loc loc);
void cbPopFront(uint32_t cb, uint32_t pages, Loc loc);
bool cbPagesReservableAtBack(uint32_t cb, uint32_t pages, Loc loc);
bool cbPagesAvailableAtFront(uint32_t cb, uint32_t pages, Loc loc);
uint32_t cbWritePtr(uint32_t cb, Loc loc);
uint32_t cbReadPtr(uint32_t cb, Loc loc);
uint32_t cbPageSize(uint32_t cb, Loc loc);
uint8_t cbDataFormat(uint32_t cb, Loc loc);

// NoC addressing. Addresses are encoded as (coordinates << 36) | local address.
uint64_t nocUnicastAddr(uint32_t x, uint32_t y, uint32_t addr);
uint64_t nocLocalAddr(uint32_t addr);
uint64_t nocMulticastAddr(uint32_t xStart, uint32_t yStart, uint32_t xEnd, uint32_t yEnd, uint32_t addr);
uint64_t nocBankAddr(bool dram, uint32_t bank, uint32_t bankLocalAddr);
uint32_t numBanks(bool dram);
uint32_t myNocX(uint8_t noc);
uint32_t myNocY(uint8_t noc);
uint32_t myLogicalX();
uint32_t myLogicalY();

// NoC transfers (asynchronous: complete at the matching barrier).
void nocRead(uint64_t src, uint32_t dstL1, uint32_t bytes, uint8_t noc, Loc loc);
void nocWrite(uint32_t srcL1, uint64_t dst, uint32_t bytes, uint8_t noc, Loc loc);
void nocWriteMulticast(uint32_t srcL1, uint64_t dst, uint32_t bytes, uint32_t numDests, bool loopback,
                       uint8_t noc, Loc loc);
void nocReadBarrier(Loc loc);
void nocWriteBarrier(Loc loc);
void nocAtomicBarrier(Loc loc);
void nocInlineWrite(uint64_t dst, uint32_t value, Loc loc);

// Semaphores (plain L1 words; pointers are real host addresses of the core's L1).
uint32_t semaphoreAddr(uint32_t id, Loc loc);
void semaphoreWait(volatile uint32_t* sem, uint32_t value, bool atLeast, Loc loc);
void semaphoreSet(volatile uint32_t* sem, uint32_t value, Loc loc);
void semaphoreInc(uint64_t dst, uint32_t increment, Loc loc);

// Debug printing (DPRINT, dprint.h). Each piece goes to the line buffer of every hardware thread the
// print is attributed to (a data-movement kernel's RISC; TRISC0-2 for compute, narrowed by
// DPRINT_UNPACK/MATH/PACK); a line is written whole, with its core/RISC prefix, at "\n" or ENDL().
enum DprintKind : int {
  kDpStr, kDpChar, kDpU8, kDpU16, kDpU32, kDpU64, kDpI8, kDpI16, kDpI32, kDpI64, kDpF32, kDpBF16, kDpBool,
  kDpEndl, kDpSetw, kDpSetwOnce, kDpSetPrecision, kDpFixed, kDpDefaultFloat, kDpHex, kDpOct, kDpDec, kDpSlice
};
struct DprintSlice {  // TSLICE: a strided slice of one tile of a CB, sampled when printed
  uint8_t cb, h0, h1, hs, w0, w1, ws;
  bool readPtr, ptrGiven, endlRows, untilized;
  int tile;
  int maxBytes;
};
struct DprintArg {  // one argument of the format-string DPRINT (API level 2026)
  int kind;
  uint64_t bits;
  const void* ptr;  // string, or the DprintSlice
};
enum DprintThreads : uint32_t { kDpUnpack = 1u << 2, kDpMath = 1u << 3, kDpPack = 1u << 4, kDpAllTrisc = 7u << 2 };
void dprintPiece(int kind, uint64_t bits, const void* ptr, Loc loc);
void dprintFormatted(const char* format, const DprintArg* args, uint32_t count, Loc loc);
uint32_t dprintAttribute(uint32_t threads);  // compute kernels: which TRISCs print; returns the previous set

// Compute engine. Enums are passed as ints (see compute.h).
void dstAcquire(Loc loc);
void dstCommit(Loc loc);
void dstWait(Loc loc);
void dstRelease(Loc loc);
void computeInit(int family, uint32_t a, uint32_t b, uint32_t c, Loc loc);
void copyTile(uint32_t cb, uint32_t tile, uint32_t dst, Loc loc);
void binaryTiles(int op, int bcast, uint32_t cb0, uint32_t cb1, uint32_t tile0, uint32_t tile1, uint32_t dst,
                 Loc loc);
void binaryDestReuse(int op, int reuse, uint32_t cb, uint32_t tile, uint32_t dst, Loc loc);
void unaryBcast(int bcast, uint32_t cb, uint32_t tile, uint32_t dst, Loc loc);
void matmulTiles(uint32_t cb0, uint32_t cb1, uint32_t tile0, uint32_t tile1, uint32_t dst, int transpose,
                 Loc loc);
void matmulBlock(uint32_t cb0, uint32_t cb1, uint32_t tile0, uint32_t tile1, uint32_t dst, int transpose,
                 uint32_t ct, uint32_t rt, uint32_t kt, Loc loc);
void reduceTile(int pool, int dim, uint32_t cb, uint32_t cbScaler, uint32_t tile, uint32_t tileScaler,
                uint32_t dst, Loc loc);
void transposeTile(uint32_t cb, uint32_t tile, uint32_t dst, Loc loc);
void sfpuUnary(int op, uint32_t dst, uint32_t param, Loc loc);
void sfpuBinary(int op, uint32_t dst0, uint32_t dst1, uint32_t out, Loc loc);
void packTile(uint32_t dst, uint32_t cb, uint32_t outIndex, bool outOfOrder, Loc loc);
void packL1Accumulate(bool enable, Loc loc);
void tilizeBlock(uint32_t icb, uint32_t tiles, uint32_t ocb, Loc loc);
void untilizeBlock(uint32_t icb, uint32_t tiles, uint32_t ocb, Loc loc);

// A kernel-side misuse the headers detect at run time: stops the run with "MESSAGE 'SUBJECT'" at loc.
[[noreturn]] void kernelError(const char* message, const char* subject, uint32_t subjectLength, Loc loc);

}  // namespace tilec::sim::abi
