// How a 16-bit shared tile is laid out so that Hopper's wgmma.mma_async can read it through a
// shared-memory matrix descriptor, and the descriptor fields that describe it.
//
// wgmma reads its A and B operands from shared memory in one of the canonical layouts of the PTX
// ISA: rows of a swizzle segment (32, 64 or 128 bytes) whose 16-byte chunks are XOR-swizzled by
// address bits (bits 4.. of the byte address XOR bits 7..: 1, 2 or 3 of them), 8 rows per core
// group. A row-major tile with 32-, 64- or 128-byte rows already is one, once swizzle-shared has
// XOR-ed its chunks (its row-based swizzle is the address-based one when the tile starts on a
// 1024-byte boundary). A tile with longer rows is stored as column blocks of 64 elements (128
// bytes), each block a rows x 64 row-major tile with the 128-byte swizzle, one after another.
//
// The one place that decides this: layout inference asks whether a gemm's operands fit,
// lowering writes the descriptors from it, swizzle-shared lays the tile out by it, and the
// printer aligns the tile to 1024 bytes. gpu-interp and cuda-host decode the descriptors on their
// own (from the PTX ISA's description), so a mismatch between them fails the numeric check.
#pragma once

#include "ir/IR.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace tilec::gpu {

struct WgmmaTile {
  int64_t rows = 0;          // the tile's second-to-last extent
  int64_t cols = 0;          // its last (contiguous) extent, in elements
  int64_t segmentBytes = 0;  // 32, 64 or 128: the row segment the swizzle spans
  int64_t segmentElems() const { return segmentBytes / 2; }
  // Stored as cols / 64 column blocks of rows x 64 (rows longer than 128 bytes).
  bool blocked() const { return cols > segmentElems(); }
  int64_t blockBytes() const { return rows * segmentBytes; }
  // The descriptor's swizzle mode (bits 62-63): 1 = 128B, 2 = 64B, 3 = 32B.
  int swizzleMode() const { return segmentBytes == 128 ? 1 : segmentBytes == 64 ? 2 : 3; }
};

// The layout of a shared tile of this shape (stage dimensions first) and dtype, or none when
// wgmma cannot read it (not 16-bit, rows not a multiple of 8, row length not 32, 64 or a multiple
// of 128 bytes).
std::optional<WgmmaTile> wgmmaTileFor(const std::vector<int64_t> &shape, ir::DType dtype);

// Shared tiles wgmma reads start on this boundary, the swizzle pattern's period (8 rows of 128 bytes).
constexpr int64_t kWgmmaTileAlign = 1024;

// The fields of a shared-memory matrix descriptor (byte offsets; the descriptor keeps them >> 4).
struct WgmmaOperandLayout {
  int64_t leadingBytes = 0; // LBO: K-major: unused with a swizzle; MN-major: the stride between column blocks
  int64_t strideBytes = 0;  // SBO: the stride between groups of 8 rows (M or N rows K-major, K rows MN-major)
  int swizzleMode = 0;
  bool mnMajor = false; // the instruction's imm-trans flag: M (N) contiguous, not K
};
WgmmaOperandLayout wgmmaOperandLayout(const WgmmaTile &t, bool mnMajor);

// The 64-bit descriptor: start address bits 4..17 in bits 0-13, LBO >> 4 in 16-29, SBO >> 4 in
// 32-45, base offset 0 (tiles are 1024-byte aligned), swizzle mode in 62-63. The printer writes
// the same encoding as `wgmma_desc` (CodegenCuda.cpp).
uint64_t encodeWgmmaDescriptor(uint32_t startAddress, const WgmmaOperandLayout &l);

} // namespace tilec::gpu
