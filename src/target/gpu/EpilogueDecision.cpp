// When T.copy(fragment -> global) goes through a shared staging tile (the staged epilogue), and
// with which staging layout.
//
// An mma.sync / wgmma accumulator gives a lane 2 adjacent columns on each of its rows, so a
// direct copy stores 8 bytes (fp32) or 4 (16-bit) a lane and a warp touches rows far apart:
// 50% (fp32) or 25% (16-bit) of the sectors it moves are used. Staging writes the fragment into
// shared memory in its own layout, converted to the output dtype, and reads it back row by row
// in 16-byte vectors: every global store is 16 bytes and a warp covers whole rows.
//
// Staged when: GpuOptions::stageEpilogue; the source is a whole 2-D Mma or Wgmma fragment; the
// destination is a global box of the same shape whose columns are the tensor's innermost
// dimension, with a 16-bit or fp32 float dtype; a row is at least 128 bytes and a multiple of 16
// (a quarter warp's 16-byte reads then cover one row's consecutive bytes); the tile holds at
// least one 16-byte vector per thread. When the column start and the row length are known
// multiples of the vector width, a vector is either wholly inside the tensor or wholly outside,
// so the only guard is the vector's own bounds check; otherwise (symbolic sizes) the lowering
// checks alignment at run time (it is the same for the whole block) and, when it fails, stores
// the staged elements one by one (the scalar tail).
//
// The staging tile's rows are padded so that the fragment -> shared stores are free of bank
// conflicts (a warp store writes rows g = lane / 4 and columns 2 (lane % 4) + e of one 8-row
// group; row r starts r * pitchWords words in):
//   - fp32 -> fp32: the two adjacent registers go as one 8-byte store; half a warp (4 rows x 32
//     bytes) is one phase, conflict-free when pitchWords % 32 == 8 (rows at banks 0, 8, 16, 24);
//   - -> 16-bit: one 2-byte store a lane, lanes of a row in 4 distinct words; the 8 rows are one
//     phase, conflict-free when pitchWords % 32 == 4;
//   - fp16 / bf16 -> fp32 (scalar 4-byte stores): no padding makes 8 rows x 4 even words
//     distinct; pitchWords % 32 == 8 leaves a 2-way conflict.
// The 16-byte reads of a quarter warp take 128 consecutive bytes of one row: conflict-free.
//
// Shared memory: the staging tile is meant to reuse the bytes of the tiles the main loop is done
// with (alias-shared-tiles), so it is cut into slabs of rows, halved until a slab fits in the
// bytes of the kernel's other shared tiles (at least 16 rows a slab, a multiple of 8: slabs
// interleave 8-row groups, EpilogueStaging.cpp; 16 KiB when there are no other tiles).
#include "target/gpu/Epilogue.h"

namespace tilec::gpu {

using namespace ir;

namespace {

bool wholeTile(const Region &r) {
  for (size_t d = 0; d < r.starts.size(); ++d)
    if (asConstInt(r.starts[d]) != std::optional<int64_t>(0))
      return false;
  if (r.extents.empty())
    return true;
  for (size_t d = 0; d < r.extents.size(); ++d)
    if (!asConstInt(r.extents[d]) || !asConstInt(r.buffer->shape[d]) ||
        *asConstInt(r.extents[d]) != *asConstInt(r.buffer->shape[d]))
      return false;
  return true;
}

bool stagedDtype(DType t) { return t == DType::Float32 || t == DType::Float16 || t == DType::BFloat16; }

// The copy's columns land on the tensor's innermost dimension, contiguous.
bool innermostColumns(const Region &dst) {
  const std::vector<Expr> &ext = dst.extents.empty() ? dst.buffer->shape : dst.extents;
  return !ext.empty() && asConstInt(ext.back()).value_or(1) != 1;
}

// Padding (in elements) that makes a staging row `words` 4-byte words long modulo 32 land on
// `residue` (see the table above).
int64_t paddedPitch(int64_t cols, int bytes, int residue) {
  int64_t words = cols * bytes / 4;
  int64_t padWords = ((residue - words % 32) % 32 + 32) % 32;
  return cols + padWords * 4 / bytes;
}

int64_t sharedBytesOf(const Kernel &k) {
  int64_t total = 0;
  for (const Buffer &b : k.shared) {
    int64_t n = dtypeBytes(b->dtype);
    for (int64_t d : staticShape(b))
      n *= d;
    total += (n + 15) / 16 * 16;
  }
  return total;
}

} // namespace

std::optional<EpiloguePlan> decideEpilogue(const SimtLowering &cx, const Copy &c) {
  if (!cx.options().stageEpilogue || c.dst.buffer->scope != Scope::Global)
    return std::nullopt;
  LayoutPtr layout = cx.layoutOf(c.src.buffer);
  if (!layout || (layout->kind != Layout::Kind::Mma && layout->kind != Layout::Kind::Wgmma) || layout->rank != 2 ||
      !wholeTile(c.src))
    return std::nullopt;
  EpiloguePlan p;
  p.layout = layout.get();
  p.rows = layout->rows, p.cols = layout->cols;
  p.out = c.dst.buffer->dtype;
  if (opShape(c.dst) != std::vector<int64_t>{p.rows, p.cols} || !innermostColumns(c.dst) || !stagedDtype(p.out) ||
      !stagedDtype(c.src.buffer->dtype))
    return std::nullopt;
  int bytes = static_cast<int>(dtypeBytes(p.out));
  p.lanes = 16 / bytes;
  Expr colStart = c.dst.starts.empty() ? intImm(0) : c.dst.starts.back();
  if (p.cols * bytes < 128 || p.cols * bytes % 16 || p.rows * p.cols * bytes < cx.threads() * 16)
    return std::nullopt;
  for (const Expr &e : {colStart, c.dst.buffer->shape.back()})
    if (knownMultiple(e) % p.lanes)
      p.alignment.push_back(binary(BinaryOp::Eq, binary(BinaryOp::FloorMod, e, intImm(p.lanes)), intImm(0)));
  p.pairStores = bytes == 4 && c.src.buffer->dtype == p.out;
  p.pitch = paddedPitch(p.cols, bytes, bytes == 2 ? 4 : 8);
  int64_t budget = sharedBytesOf(cx.kernelView());
  if (budget == 0)
    budget = 16 * 1024;
  p.slabRows = p.rows;
  while (p.slabRows * p.pitch * bytes > budget && p.slabRows % 16 == 0 && p.slabRows / 2 >= 16)
    p.slabRows /= 2;
  return p;
}

} // namespace tilec::gpu
