// Fragment layouts: how a block-level register tile (T.alloc_fragment) is spread over the threads.
//
// A layout answers, for thread `tx` and register `reg` of that thread, which element of the tile
// the register holds. Lowered code iterates a thread's registers and recovers the element indices
// from them (TileLang's way), so a `T.Parallel` nest over a fragment needs no communication.
//
//   RowGroup  — `tpr` consecutive threads share a row; thread tx holds rows tx/tpr + a*(T/tpr) and
//               runs of `vec` consecutive columns starting at (tx%tpr)*vec + c*tpr*vec (vec = 1:
//               columns tx%tpr + b*tpr). Consecutive threads touch consecutive runs (coalesced,
//               and a run of 16 bytes is one 128-bit global access); a row reduction is a
//               per-thread partial plus shuffles over tpr lanes. A 1-D tile is RowGroup with one
//               column.
//   Mma       — the accumulator layout of mma.sync m16n8k16: warps tile the fragment (warpsM x
//               warpsN), each warp covers m16n8 tiles; lane l holds rows l/4 and l/4+8, columns
//               2(l%4) and 2(l%4)+1 of each tile.
//   Mfma      — the accumulator layout of AMD's v_mfma_f32_16x16x16 (HIP, 64-lane wavefronts):
//               wavefronts tile the fragment (warpsM x warpsN), each covers 16x16 tiles; lane l
//               holds column l%16 and rows 4(l/16) .. 4(l/16)+3 of each tile.
//   Wgmma     — the accumulator layout of Hopper's wgmma.mma_async m64nNk16 (sm_90a): warpgroups of
//               128 threads tile the fragment (warpsM x warpsN counts warpgroups), each covers
//               m64 x wn tiles; warp w of a group holds rows 16w .. 16w+15 of each m64 tile, and
//               within them lane l the rows l/4 and l/4+8, columns 2(l%4), 2(l%4)+1 of every
//               8-column chunk (the m16n8 pattern repeated along N).
//   RowVector — a 1-D tile indexed by the rows of a 2-D layout (`base`): every thread holds the
//               rows it owns in `base` (replicated over the threads that share a row). This is
//               what a row reduction of `base` produces and what `acc[i, j] * scale[i]` needs.
//   Replicated— every thread holds the whole (small) tile; used for tiles only touched outside
//               T.Parallel nests (alloc_var-style scalars).
#pragma once

#include "ir/IR.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace tilec::gpu {

// The matrix instruction a gemm with fp16/bf16 operands in shared memory may use: NVIDIA's
// mma.sync m16n8k16 (32-lane warps), Hopper's wgmma.mma_async m64nNk16 (warpgroups of 128
// threads; a gemm it does not fit takes mma.sync), AMD's MFMA 16x16x16 (64-lane wavefronts), or
// none (the scalar nest).
enum class MatrixUnit { None, MmaSync, Wgmma, Mfma };

struct Layout {
  enum class Kind { RowGroup, Mma, Wgmma, Mfma, RowVector, Replicated };
  Kind kind = Kind::RowGroup;
  int threads = 128;
  int rank = 2;
  int64_t rows = 1, cols = 1;
  int tpr = 1;                  // RowGroup
  int vec = 1;                  // RowGroup: consecutive columns a thread holds per run
  int warpsM = 1, warpsN = 1;   // Mma, Mfma (warps / wavefronts); Wgmma (warpgroups)
  std::shared_ptr<const Layout> base; // RowVector

  // `vec` must divide `cols` (1 for 1-D tiles); tpr is then chosen over the cols / vec runs.
  static std::shared_ptr<const Layout> rowGroup(int64_t rows, int64_t cols, int rank, int threads, int vec = 1);
  static std::shared_ptr<const Layout> mma(int64_t rows, int64_t cols, int warpsM, int warpsN,
                                           int threads);
  static std::shared_ptr<const Layout> wgmma(int64_t rows, int64_t cols, int groupsM, int groupsN,
                                             int threads);
  static std::shared_ptr<const Layout> mfma(int64_t rows, int64_t cols, int warpsM, int warpsN,
                                            int threads);
  static std::shared_ptr<const Layout> rowVector(std::shared_ptr<const Layout> base);
  static std::shared_ptr<const Layout> replicated(std::vector<int64_t> shape, int threads);

  int64_t regs() const;          // registers per thread
  int64_t rowRegs() const;       // 2-D layouts: distinct rows per thread
  int64_t regsPerRow() const;    // 2-D layouts: registers of one row per thread
  // Logical indices of the element in register `reg` of thread `tx` (one per dimension).
  std::vector<ir::Expr> element(const ir::Expr &tx, const ir::Expr &reg) const;
  // Consecutive registers of a thread that hold consecutive columns of one row (vec for a
  // RowGroup; 2 for the Mma and Wgmma accumulators, whose registers 2q, 2q+1 are adjacent columns
  // of one row; 1 otherwise); registers q*runLength() .. q*runLength()+runLength()-1 form run q.
  int runLength() const {
    return kind == Kind::RowGroup ? vec : (kind == Kind::Mma || kind == Kind::Wgmma) && rank == 2 ? 2 : 1;
  }
  // 2-D RowGroup, Mma, Wgmma: indices {row, first column} of run `run` of thread `tx`.
  std::vector<ir::Expr> runStart(const ir::Expr &tx, const ir::Expr &run) const;
  // Whether register `reg` holds an element at all (null: always) — tiles that do not divide.
  ir::Expr valid(const ir::Expr &tx, const ir::Expr &reg) const;
  // 2-D layouts: the row register (index into a RowVector of this layout) of register `reg`.
  ir::Expr rowRegOf(const ir::Expr &reg) const;
  // 2-D layouts: the register holding column-slot `b` of row register `a`.
  ir::Expr regInRow(const ir::Expr &a, const ir::Expr &b) const;
  // 2-D layouts: the lane masks to shuffle over so that every thread sharing a row sees it all.
  std::vector<int> rowShuffleMasks() const;
  // 2-D layouts: how many consecutive lanes share a row (4 for Mma and Wgmma, 16 for Mfma, tpr
  // otherwise).
  int lanesPerRow() const;
  // The accumulator of a matrix instruction (Mma, Wgmma or Mfma): a gemm writes it with that
  // instruction.
  bool isMatrixAccumulator() const { return kind == Kind::Mma || kind == Kind::Wgmma || kind == Kind::Mfma; }
  // Lanes of the hardware warp the layout is defined over (64 for Mfma's wavefronts).
  int warpLanes() const { return kind == Kind::Mfma ? 64 : 32; }
  // Replicated layouts (RowVector): true for one thread per element (who writes it out).
  ir::Expr primary(const ir::Expr &tx) const;

  std::string key() const;    // equal keys: same element in the same register of the same thread
  std::string rowKey() const; // equal keys: same rows in the same row registers
  std::string describe() const;
  std::vector<int64_t> shape() const;

  std::vector<int64_t> replShape; // Replicated
};
using LayoutPtr = std::shared_ptr<const Layout>;

// Where each fragment / local tile lives after layout inference.
struct FragmentPlan {
  std::map<const ir::BufferNode *, LayoutPtr> layouts; // in registers
  std::set<const ir::BufferNode *> promoted;            // moved to shared memory (always correct)
  std::map<const ir::BufferNode *, std::string> why;    // promotion reasons (for --emit comments)
  bool inRegisters(const ir::Buffer &b) const { return layouts.count(b.get()) > 0; }
};

// Whether index `a` into a dimension of extent `extentA` and index `b` into one of extent
// `extentB` name the same coordinate in every iteration of a nest: the same loop variable, or
// both the only element (index 0) of a unit dimension. Unit dimensions matter because a one-row
// tile ([1, N]) is indexed `x[0, j]` once the simplifier has dropped its unit loop.
bool sameCoordinate(const ir::Expr &a, int64_t extentA, const ir::Expr &b, int64_t extentB);
// Whether `index` can only address element 0 of a dimension of extent `extent` == 1.
bool unitCoordinate(const ir::Expr &index, int64_t extent);

// How a fragment access inside a nest driven by `driver` (accessed at `driverIdx`) maps to a
// register of the same thread; null when the thread may not hold the element.
ir::Expr registerFor(const Layout &driver, const std::vector<ir::Expr> &driverIdx,
                     const ir::Expr &driverReg, const Layout &layout,
                     const std::vector<ir::Expr> &indices);

// Whether a reduction runs in registers (per-thread partials + shuffles): a row reduction of a
// whole 2-D tile laid out by rows (RowGroup, or Mma with one warp along the columns). Layout
// inference and lowering both ask this, so they agree on which reductions become nests.
bool reducesInRegisters(const ir::Reduce &r, const Layout *src);

// Gemm on tensor cores / matrix cores: A and B fp16/bf16 in shared memory, C fp32 in registers
// with an Mma (Mfma) layout, shapes multiples of the m16n8k16 (16x16x16) instruction.
bool tensorCoreDtypes(const ir::Gemm &g);

// The layout of a wgmma gemm's A operand read from registers (the RS form; `c` is C's Wgmma layout):
// the accumulator layout of the M x K product a wgmma split like C would leave, whose registers
// per m64 tile and k step are exactly wgmma's A fragment. Null when A is transposed or C is split
// along N (a warpgroup would need rows another warpgroup holds).
LayoutPtr wgmmaRegisterA(const ir::Gemm &g, const Layout &c);

// The shape of a tile op's operand as the op sees it (non-unit extents).
std::vector<int64_t> opShape(const ir::Region &r);

// Infers the layouts of a kernel's fragments (pass 1 of the GPU pipeline).
// `unit` says which accumulator layout a gemm may get (None: no matrix instruction).
FragmentPlan inferFragmentLayouts(const ir::PrimFunc &f, MatrixUnit unit);

} // namespace tilec::gpu
