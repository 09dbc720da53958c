// Compute API: the DST register file with its acquire/commit/wait/release protocol and capacity, and
// every unpack -> math -> pack operation. The kernel body runs once (not three times as on the
// hardware's UNPACK/MATH/PACK threads), so each call here does all three threads' work and is charged
// the math engine's cycles (see docs/SIMULATOR.md for the cost table).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "arch.hpp"
#include "cb_access.hpp"
#include "diagnostics.hpp"
#include "scheduler.hpp"
#include "simulator.hpp"
#include "tile_format.hpp"
#include "tile_math.hpp"
#include "tilec_sim/kernel/ops.h"

namespace tilec::sim::rt {
namespace {

using namespace tilec::sim::ops;

// Math-thread cycles per 32x32 tile (matrix_engine.md: 8x16 x 16x16 per cycle for matmul, 8x16 per cycle
// for eltwise, 16x16 per cycle for reduce; x fidelity passes where the op uses fidelity).
constexpr uint64_t kUnpackTileCycles = 16;  // tilize/untilize/transpose per tile
constexpr uint64_t kCopyTileCycles = 8;     // datacopy SrcA -> DST
constexpr uint64_t kEltwiseCycles = 16;
constexpr uint64_t kMatmulCyclesPerPass = 16;
constexpr uint64_t kReduceCycles = 16;
constexpr uint64_t kInitCycles = 8;

const ArchSpec& arch() { return Simulator::get().machine().arch(); }

// L1 bytes of one 32x32 tile of `f` (BFP formats are rejected before timing matters).
uint64_t tileBytes(tt::DataFormat f) {
  switch (f) {
    case tt::DataFormat::Float32:
    case tt::DataFormat::Int32:
    case tt::DataFormat::UInt32: return 4096;
    default: return 2048;
  }
}
uint64_t cbTileBytes(KernelInstance& k, uint32_t cb) { return tileBytes(Simulator::get().core(k.core).cbs[cb].format); }

// Cycles for the unpackers to read `bytesA` bytes from L1 into SrcA (or DST) with unpacker 0 and
// `bytesB` into SrcB with unpacker 1: each is limited to its own port rate, both together to the joint
// rate of the shared ports.
uint64_t unpackCycles(uint64_t bytesA, uint64_t bytesB) {
  const ArchSpec& a = arch();
  double t = std::max(double(std::max(bytesA, bytesB)) / a.unpackBytesPerCycle,
                      double(bytesA + bytesB) / a.unpackJointBytesPerCycle);
  return uint64_t(std::ceil(t));
}
uint64_t packCycles(uint64_t bytes) { return uint64_t(std::ceil(double(bytes) / arch().packBytesPerCycle)); }

// One unpack -> math operation. The unpack thread (the kernel's clock) fills a Src bank as soon as math
// has moved off it (the previous operation's math start, SrcA/SrcB being double-banked) and takes
// `unpack` cycles; the math thread starts when those operands are in and it is done with the previous
// operation, and takes `math` cycles. In steady state an operation costs max(unpack, math), not the sum.
void issue(KernelInstance& k, uint64_t unpack, uint64_t math, const char* what) {
  ComputeState& cs = *k.compute;
  uint64_t start = std::max(k.now, cs.srcFree);
  uint64_t unpacked = start + unpack;
  uint64_t mathStart = std::max(cs.mathClock, unpacked);
  cs.srcFree = mathStart;
  cs.mathClock = mathStart + math;
  k.now = unpacked;
  k.busy[KernelInstance::kOwnThread] += unpack;
  k.busy[KernelInstance::kMathThread] += math;
  Simulator::get().traceAt(k, what, mathStart, math);
}

// Work of the math thread alone (SFPU on DST, DST bookkeeping).
void mathOnly(KernelInstance& k, uint64_t cycles, const char* what) {
  ComputeState& cs = *k.compute;
  Simulator::get().traceAt(k, what, cs.mathClock, cycles);
  cs.mathClock += cycles;
  k.busy[KernelInstance::kMathThread] += cycles;
}

ComputeState& computeState(KernelInstance& k, abi::Loc loc, const char* call) {
  if (!k.compute) fail(loc, fmt::format("{} called from a data-movement kernel", call));
  return *k.compute;
}

// DST tile `index` for a math-side write (requires tile_regs_acquire).
float* dstForMath(KernelInstance& k, uint32_t index, abi::Loc loc, const char* call) {
  ComputeState& cs = computeState(k, loc, call);
  if (!cs.mathOwns)
    fail(loc, fmt::format("{}: DST used outside tile_regs_acquire/tile_regs_commit (the math thread does not own "
                          "the registers)", call));
  if (index >= cs.capacity)
    fail(loc, fmt::format("{}: DST index {} is past the {} tiles one acquire provides ({}, {})", call, index,
                          cs.capacity, k.spec->fp32DestAcc ? "fp32" : "16-bit", k.spec->dstFullSync ? "full-sync" : "half-sync"));
  return cs.dst[index].data();
}

// DST without fp32_dest_acc_en holds 16-bit values: every write rounds to the 16-bit format of the
// math engine (IEEE half for Float16 operands, bf16 otherwise).
void settleDst(KernelInstance& k, uint32_t index) {
  ComputeState& cs = *k.compute;
  cs.dstWritten[index] = true;
  if (k.spec->fp32DestAcc) return;
  if (cs.dstHoldsFp16)
    roundTileToFp16(cs.dst[index].data());
  else
    roundTileToBf16(cs.dst[index].data());
}

// The math engine's 16-bit format follows the srcA operand of each FPU operation (the unpacker
// reconfigures it per operand CB); SFPU operations keep the current one.
void noteSrcAFormat(KernelInstance& k, uint32_t cb, abi::Loc loc, const char* call) {
  k.compute->dstHoldsFp16 = circularBuffer(k, cb, loc, call).format == tt::DataFormat::Float16;
}

// A read of a page that cb_wait_front did not grant: what hardware reads there is the data only if
// the producer has pushed it (then a warning: the kernel relies on timing), otherwise an error.
static void checkUnwaitedRead(KernelInstance& k, CircularBuffer& b, uint32_t tile, abi::Loc loc, const char* call) {
  std::string what = fmt::format("{}: reads tile {} of CB {} but only {} pages were waited for with cb_wait_front",
                                 call, tile, b.index, b.waitedPages);
  if (b.hostDataStandsIn() && tile < b.numPages) {
    warn(loc, what + "; the CB sits on a buffer the host wrote and no kernel pushes into it, so hardware reads "
                     "the buffer's data");
    return;
  }
  if (tile >= b.pagesAvailable())
    fail(loc, fmt::format("{}, and only {} have arrived: hardware would read stale data", what, b.pagesAvailable()));
  warn(loc, what + "; hardware reads the right data here only because it has already arrived");
  waitUntil(k, b.filledAt[b.slotOf(b.pageAddr(b.rdPtr, tile))], call);
}

// Unpacks tile `tile` (counted from the CB front) of input CB `cb`: it must be among the waited pages.
void unpackInput(KernelInstance& k, uint32_t cb, uint32_t tile, float* out, abi::Loc loc, const char* call) {
  CircularBuffer& b = circularBuffer(k, cb, loc, call);
  if (tile >= b.waitedPages) checkUnwaitedRead(k, b, tile, loc, call);
  if (!formatSupported(b.format))
    fail(loc, fmt::format("{}: CB {} has data format {} which the simulator does not support yet", call, cb,
                          int(b.format)));
  unpackTile(Simulator::get().machine().l1(k.core) + b.pageAddr(b.rdPtr, tile), b.format, out);
}

// Same as unpackInput for read-only use (matmul operands), through the unpacked-tile cache. Each
// operand position has its own half of the cache so that unpacking B never evicts the A just returned.
const float* unpackInputCached(KernelInstance& k, int operand, uint32_t cb, uint32_t tile, abi::Loc loc,
                               const char* call) {
  CircularBuffer& b = circularBuffer(k, cb, loc, call);
  if (tile >= b.waitedPages) checkUnwaitedRead(k, b, tile, loc, call);
  uint32_t slot = b.slotOf(b.pageAddr(b.rdPtr, tile));
  uint64_t key = (uint64_t(b.fillCount[slot]) << 24) | (uint64_t(cb) << 16) | slot;
  size_t half = k.compute->unpackCache.size() / 2;
  auto& entry = k.compute->unpackCache[size_t(operand) * half + (cb * 67 + slot) % half];
  if (entry.key != key) {
    unpackInput(k, cb, tile, entry.values, loc, call);
    entry.key = key;
  }
  return entry.values;
}

void charge(KernelInstance& k, uint64_t cycles, const char* what) { Simulator::get().charge(k, cycles, what); }

}  // namespace
}  // namespace tilec::sim::rt

namespace tilec::sim::abi {
using namespace tilec::sim::rt;

void dstAcquire(Loc loc) {
  KernelInstance& k = currentKernel();
  ComputeState& cs = computeState(k, loc, "tile_regs_acquire");
  if (cs.mathOwns) fail(loc, "tile_regs_acquire: DST already acquired (missing tile_regs_commit)");
  if (cs.committed || cs.packOwns)
    fail(loc, "tile_regs_acquire: the previous DST section was not released (missing tile_regs_release)");
  cs.mathClock = std::max(cs.mathClock, cs.halfFree[cs.half]);  // the packer still holds this half
  cs.mathOwns = true;
  for (uint32_t i = 0; i < cs.capacity; ++i) cs.dst[i].fill(0.0f);  // the packer clears a released section
  cs.dstWritten.fill(false);
  mathOnly(k, 2, "tile_regs_acquire");
}
void dstCommit(Loc loc) {
  KernelInstance& k = currentKernel();
  ComputeState& cs = computeState(k, loc, "tile_regs_commit");
  if (!cs.mathOwns) fail(loc, "tile_regs_commit without tile_regs_acquire");
  cs.mathOwns = false;
  cs.committed = true;
  cs.commitTime = cs.mathClock;
}
void dstWait(Loc loc) {
  KernelInstance& k = currentKernel();
  ComputeState& cs = computeState(k, loc, "tile_regs_wait");
  if (!cs.committed && !cs.mathOwns) fail(loc, "tile_regs_wait: no DST section was acquired and committed");
  cs.legacySection = cs.mathOwns;  // acquire_dst: packing happens inside the math section
  cs.packOwns = true;
  cs.packClock = std::max(cs.packClock, cs.commitTime);
}
void dstRelease(Loc loc) {
  KernelInstance& k = currentKernel();
  ComputeState& cs = computeState(k, loc, "tile_regs_release");
  if (!cs.packOwns) fail(loc, "tile_regs_release without tile_regs_wait");
  cs.packOwns = false;
  cs.committed = false;
  if (cs.legacySection) {  // packs were charged on the kernel's clock: bring the three threads together
    uint64_t t = std::max({k.now, cs.mathClock, cs.packClock});
    k.now = cs.mathClock = cs.packClock = cs.srcFree = t;
    cs.legacySection = false;
  }
  cs.halfFree[cs.half] = cs.packClock;
  if (!k.spec->dstFullSync) cs.half ^= 1;  // half-sync: math moves on to the other half
}

void computeInit(int family, uint32_t a, uint32_t, uint32_t, Loc loc) {
  KernelInstance& k = currentKernel();
  ComputeState& cs = computeState(k, loc, "compute init");
  if (family == kInitMatmulTranspose) cs.matmulTransposeInit = a != 0;
  charge(k, kInitCycles, "init");  // every thread reconfigures: the unpacker here, math below
  cs.mathClock = std::max(cs.mathClock, k.now);
}

void copyTile(uint32_t cb, uint32_t tile, uint32_t dst, Loc loc) {
  KernelInstance& k = currentKernel();
  float* d = dstForMath(k, dst, loc, "copy_tile");
  unpackInput(k, cb, tile, d, loc, "copy_tile");
  noteSrcAFormat(k, cb, loc, "copy_tile");
  settleDst(k, dst);
  issue(k, unpackCycles(cbTileBytes(k, cb), 0), kCopyTileCycles, "copy_tile");
}

void binaryTiles(int op, int bcast, uint32_t cb0, uint32_t cb1, uint32_t t0, uint32_t t1, uint32_t dst, Loc loc) {
  KernelInstance& k = currentKernel();
  const char* call = bcast == kNone ? "eltwise binary" : "eltwise binary bcast";
  float* d = dstForMath(k, dst, loc, call);
  alignas(64) float a[1024], b[1024];
  unpackInput(k, cb0, t0, a, loc, call);
  noteSrcAFormat(k, cb0, loc, call);
  unpackInput(k, cb1, t1, b, loc, call);
  binaryOp(op, bcast, a, b, d, false);
  settleDst(k, dst);
  uint64_t passes = op == kMul ? uint64_t(k.spec->fidelityPasses) : 1;
  issue(k, unpackCycles(cbTileBytes(k, cb0), cbTileBytes(k, cb1)), kEltwiseCycles * passes,
        op == kMul ? "mul_tiles" : (op == kAdd ? "add_tiles" : "sub_tiles"));
}

void binaryDestReuse(int op, int reuse, uint32_t cb, uint32_t tile, uint32_t dst, Loc loc) {
  KernelInstance& k = currentKernel();
  float* d = dstForMath(k, dst, loc, "binary_dest_reuse_tiles");
  alignas(64) float in[1024], prev[1024];
  unpackInput(k, cb, tile, in, loc, "binary_dest_reuse_tiles");
  noteSrcAFormat(k, cb, loc, "binary_dest_reuse_tiles");
  std::memcpy(prev, d, sizeof(prev));
  // DEST_TO_SRCA: DST op CB; DEST_TO_SRCB: CB op DST.
  if (reuse == kDestToSrcB) binaryOp(op, kNone, in, prev, d, false);
  else binaryOp(op, kNone, prev, in, d, false);
  settleDst(k, dst);
  issue(k, unpackCycles(reuse == kDestToSrcB ? cbTileBytes(k, cb) : 0, reuse == kDestToSrcB ? 0 : cbTileBytes(k, cb)),
        kEltwiseCycles, "binary_dest_reuse_tiles");
}

void unaryBcast(int bcast, uint32_t cb, uint32_t tile, uint32_t dst, Loc loc) {
  KernelInstance& k = currentKernel();
  float* d = dstForMath(k, dst, loc, "unary_bcast");
  alignas(64) float in[1024], zero[1024] = {};
  unpackInput(k, cb, tile, in, loc, "unary_bcast");
  noteSrcAFormat(k, cb, loc, "unary_bcast");
  binaryOp(kAdd, bcast, zero, in, d, false);
  settleDst(k, dst);
  issue(k, unpackCycles(cbTileBytes(k, cb), 0), kEltwiseCycles, "unary_bcast");
}

void matmulTiles(uint32_t cb0, uint32_t cb1, uint32_t t0, uint32_t t1, uint32_t dst, int transpose, Loc loc) {
  KernelInstance& k = currentKernel();
  float* d = dstForMath(k, dst, loc, "matmul_tiles");
  const float* a = unpackInputCached(k, 0, cb0, t0, loc, "matmul_tiles");
  noteSrcAFormat(k, cb0, loc, "matmul_tiles");
  const float* b = unpackInputCached(k, 1, cb1, t1, loc, "matmul_tiles");
  bool tr = transpose < 0 ? k.compute->matmulTransposeInit : transpose != 0;
  matmulAccumulate(a, b, d, tr);
  settleDst(k, dst);
  ++k.matmulTileOps;
  // The matmul_tiles LLK unpacks both operands for every call (in1 -> SrcA, in0 -> SrcB).
  issue(k, unpackCycles(cbTileBytes(k, cb1), cbTileBytes(k, cb0)), kMatmulCyclesPerPass * uint64_t(k.spec->fidelityPasses),
        "matmul_tiles");
}

void matmulBlock(uint32_t cb0, uint32_t cb1, uint32_t t0, uint32_t t1, uint32_t dst, int transpose, uint32_t ct,
                 uint32_t rt, uint32_t kt, Loc loc) {
  // One call multiplies an rt x 1 column of in0 tiles by a 1 x ct row of in1 tiles (the caller loops
  // over the inner dimension); in0 rows are kt tiles apart, in1 rows ct tiles apart.
  KernelInstance& k = currentKernel();
  float* unusedDst = dstForMath(k, dst, loc, "matmul_block");
  noteSrcAFormat(k, cb0, loc, "matmul_block");
  (void)unusedDst;
  bool tr = transpose < 0 ? k.compute->matmulTransposeInit : transpose != 0;
  for (uint32_t r = 0; r < rt; ++r)
    for (uint32_t c = 0; c < ct; ++c) {
      uint32_t d = dst + r * ct + c;
      float* out = dstForMath(k, d, loc, "matmul_block");
      const float* a = unpackInputCached(k, 0, cb0, t0 + r * kt, loc, "matmul_block");
      const float* b = unpackInputCached(k, 1, cb1, t1 + c, loc, "matmul_block");
      matmulAccumulate(a, b, out, tr);
      settleDst(k, d);
      ++k.matmulTileOps;
    }
  // The block LLK keeps the operand of the shorter side in its Src register while the other streams
  // past it: min(rt, ct) x (1 + max(rt, ct)) tile unpacks for rt x ct tile products.
  uint64_t in0 = cbTileBytes(k, cb0), in1 = cbTileBytes(k, cb1);
  uint64_t bytesA, bytesB;  // unpacker 0 (in1 -> SrcA), unpacker 1 (in0 -> SrcB)
  if (ct >= rt) bytesB = rt * in0, bytesA = uint64_t(rt) * ct * in1;
  else bytesA = ct * in1, bytesB = uint64_t(rt) * ct * in0;
  issue(k, unpackCycles(bytesA, bytesB), kMatmulCyclesPerPass * uint64_t(k.spec->fidelityPasses) * rt * ct,
        "matmul_block");
}

void reduceTile(int pool, int dim, uint32_t cb, uint32_t cbScaler, uint32_t tile, uint32_t tileScaler, uint32_t dst,
                Loc loc) {
  KernelInstance& k = currentKernel();
  float* d = dstForMath(k, dst, loc, "reduce_tile");
  alignas(64) float a[1024], s[1024];
  unpackInput(k, cb, tile, a, loc, "reduce_tile");
  noteSrcAFormat(k, cb, loc, "reduce_tile");
  unpackInput(k, cbScaler, tileScaler, s, loc, "reduce_tile (scaler)");
  reduceOp(pool, dim, a, s[0], d, !k.compute->dstWritten[dst]);
  settleDst(k, dst);
  issue(k, unpackCycles(cbTileBytes(k, cb), cbTileBytes(k, cbScaler)),
        kReduceCycles * (pool == kMax ? 1 : uint64_t(k.spec->fidelityPasses)), "reduce_tile");
}

void transposeTile(uint32_t cb, uint32_t tile, uint32_t dst, Loc loc) {
  KernelInstance& k = currentKernel();
  float* d = dstForMath(k, dst, loc, "transpose_wh_tile");
  alignas(64) float a[1024];
  unpackInput(k, cb, tile, a, loc, "transpose_wh_tile");
  noteSrcAFormat(k, cb, loc, "transpose_wh_tile");
  rt::transposeTile(a, d);
  settleDst(k, dst);
  issue(k, unpackCycles(cbTileBytes(k, cb), 0), 2 * kUnpackTileCycles, "transpose_wh_tile");
}

void sfpuUnary(int op, uint32_t dst, uint32_t param, Loc loc) {
  KernelInstance& k = currentKernel();
  float* d = dstForMath(k, dst, loc, "SFPU op");
  sfpuUnaryOp(op, param, d);
  settleDst(k, dst);
  mathOnly(k, sfpuCycles(op), "sfpu");
}

void sfpuBinary(int op, uint32_t dst0, uint32_t dst1, uint32_t out, Loc loc) {
  KernelInstance& k = currentKernel();
  float* a = dstForMath(k, dst0, loc, "SFPU binary op");
  float* b = dstForMath(k, dst1, loc, "SFPU binary op");
  float* o = dstForMath(k, out, loc, "SFPU binary op");
  sfpuBinaryOp(op, a, b, o);
  settleDst(k, out);
  mathOnly(k, 64, "sfpu binary");
}

// Destination page in the reserved region of `cb` for the next pack (auto-advancing or explicit).
static uint8_t* packDestination(KernelInstance& k, uint32_t cb, uint32_t outIndex, bool outOfOrder, Loc loc,
                                const char* call, CircularBuffer** bufOut) {
  CircularBuffer& b = circularBuffer(k, cb, loc, call);
  uint32_t slot = outOfOrder ? outIndex : b.packedPages;
  if (slot >= b.reservedPages) {
    // Hardware writes at the write pointer regardless: harmless while that page is free.
    std::string what = fmt::format("{}: packs into page {} of CB {} but only {} pages are reserved with cb_reserve_back",
                                   call, slot, cb, b.reservedPages);
    if (slot >= b.pagesFree())
      fail(loc, fmt::format("{}, and only {} are free: the pack overwrites a page the consumer has not popped", what,
                            b.pagesFree()));
    warn(loc, what + "; hardware tolerates it here because the page is free");
  }
  if (!outOfOrder) ++b.packedPages;
  *bufOut = &b;
  return Simulator::get().machine().l1(k.core) + b.pageAddr(b.wrPtr, slot);
}

void packTile(uint32_t dst, uint32_t cb, uint32_t outIndex, bool outOfOrder, Loc loc) {
  KernelInstance& k = currentKernel();
  ComputeState& cs = computeState(k, loc, "pack_tile");
  if (!cs.packOwns)
    fail(loc, "pack_tile: DST packed outside tile_regs_wait/tile_regs_release (the pack thread does not own it)");
  if (dst >= cs.capacity)
    fail(loc, fmt::format("pack_tile: DST index {} is past the {} tiles one acquire provides", dst, cs.capacity));
  CircularBuffer* b;
  uint8_t* to = packDestination(k, cb, outIndex, outOfOrder, loc, "pack_tile", &b);
  if (!formatSupported(b->format))
    fail(loc, fmt::format("pack_tile: CB {} has data format {} which the simulator does not support yet", cb,
                          int(b->format)));
  rt::packTile(cs.dst[dst].data(), b->format, to, cs.packL1Acc);
  // Packer L1 accumulation is a read-modify-write at two of five cycles per 128-bit word (L1.md).
  uint64_t bytes = tileBytes(b->format);
  charge(k, cs.packL1Acc ? 2 * packCycles(bytes) : packCycles(bytes), "pack_tile");
}

void packL1Accumulate(bool enable, Loc loc) { computeState(currentKernel(), loc, "pack_reconfig_l1_acc").packL1Acc = enable; }

// tilize: `tiles` tiles' worth of row-major rows (32 rows x tiles*32 columns) at the front of icb become
// `tiles` face-layout tiles in ocb's reserved region. The LLK does its own DST handling per tile.
void tilizeBlock(uint32_t icb, uint32_t tiles, uint32_t ocb, Loc loc) {
  KernelInstance& k = currentKernel();
  CircularBuffer& in = circularBuffer(k, icb, loc, "tilize_block");
  if (tiles > in.waitedPages)
    fail(loc, fmt::format("tilize_block: needs {} pages of CB {} but only {} were waited for", tiles, icb, in.waitedPages));
  const uint8_t* src = Simulator::get().machine().l1(k.core) + in.rdPtr;
  uint32_t width = tiles * 32;
  for (uint32_t t = 0; t < tiles; ++t) {
    CircularBuffer* out;
    uint8_t* to = packDestination(k, ocb, 0, false, loc, "tilize_block", &out);
    for (uint32_t r = 0; r < 32; ++r)
      for (uint32_t c = 0; c < 32; ++c)
        storeElement(to, out->format, faceOffset(r, c), loadElement(src, in.format, r * width + t * 32 + c));
    charge(k, kUnpackTileCycles + packCycles(tileBytes(out->format)), "tilize_block");
  }
}

// untilize: `tiles` face-layout tiles at the front of icb become 32 row-major rows of tiles*32 values
// in ocb's reserved region (tiles pages).
void untilizeBlock(uint32_t icb, uint32_t tiles, uint32_t ocb, Loc loc) {
  KernelInstance& k = currentKernel();
  CircularBuffer& in = circularBuffer(k, icb, loc, "untilize_block");
  if (tiles > in.waitedPages)
    fail(loc, fmt::format("untilize_block: needs {} pages of CB {} but only {} were waited for", tiles, icb, in.waitedPages));
  CircularBuffer& out = circularBuffer(k, ocb, loc, "untilize_block");
  if (out.packedPages + tiles > out.reservedPages)
    fail(loc, fmt::format("untilize_block: writes {} pages of CB {} but only {} are reserved", tiles, ocb,
                          out.reservedPages - out.packedPages));
  uint8_t* l1 = Simulator::get().machine().l1(k.core);
  uint8_t* dstBase = l1 + out.pageAddr(out.wrPtr, out.packedPages);
  uint32_t width = tiles * 32;
  for (uint32_t t = 0; t < tiles; ++t) {
    const uint8_t* src = l1 + in.pageAddr(in.rdPtr, t);
    for (uint32_t r = 0; r < 32; ++r)
      for (uint32_t c = 0; c < 32; ++c)
        storeElement(dstBase, out.format, r * width + t * 32 + c, loadElement(src, in.format, faceOffset(r, c)));
    charge(k, kUnpackTileCycles + packCycles(tileBytes(out.format)), "untilize_block");
  }
  out.packedPages += tiles;
}

}  // namespace tilec::sim::abi
