// The GPU side of the tile ops, one file per op (gpu/ops/<Op>.cpp). For each op that
// ir/ops/TileOps.def lists, its file defines:
//   lower<Op>(cx, op, stages)  its SIMT code, called by lower-to-simt's block walker
//                              (LowerToSimt.cpp) with the tools of SimtLowering.h;
//   note<Op>(op, facts)        what infer-fragment-layouts must know of it (FragmentFacts.h).
// A new op adds its file and its name to TileOps.def; these declarations follow.
#pragma once

#include "target/gpu/FragmentFacts.h"
#include "target/gpu/SimtLowering.h"

#include <optional>

namespace tilec::gpu {

#define TILEC_TILE_OP(Name)                                                                        \
  SStmt lower##Name(SimtLowering &cx, const ir::Name &op, const StageIndex &stages);               \
  void note##Name(const ir::Name &op, FragmentFacts &facts);
#include "ir/ops/TileOps.def"

// Each op as a parallel nest over its elements (Nests.h): what element-wise lowering runs, and
// what layout inference checks. Gemm's and reduce's are their scalar forms, used when tensor
// cores or register reductions do not apply.
ParallelNest nestFromCopy(const ir::Copy &c);       // dst[...] = src[...] over the copy box
ParallelNest nestFromFill(const ir::Fill &f);
ParallelNest nestFromMap(const ir::Map &m);
// for i, j: for k (serial): C[i, j] += A[i, k] * B[k, j]  (transposes applied)
ParallelNest nestFromGemm(const ir::Gemm &g);
// for i: tmp = init; for j (serial): tmp = op(tmp, src[i, j]); dst[i] = tmp (or op(dst[i], tmp))
ParallelNest nestFromReduce(const ir::Reduce &r);

// Copy.cpp, also for T.Pipelined (PipelinedLoop.cpp): whether a copy moves 16 bytes per thread
// and step (global -> shared, contiguous rows, aligned starts), and that copy lowered, as
// cp.async when `async` (zero-filling outside the tensor). Null for a copy that cannot.
bool copiesByVectors(const SimtLowering &cx, const ir::Copy &c);
std::optional<SStmt> lowerVectorCopy(SimtLowering &cx, const ir::Copy &c, bool async, const StageIndex &stages);
// The global -> shared copy `c` as the block sees it (SOp::tileCopy, for tma-pipeline), writing
// stage `stage` of its destination (null: an unstaged tile); null when its source region is not a
// box of constant extents.
std::shared_ptr<const TileCopy> tileCopyOf(SimtLowering &cx, const ir::Copy &c, const Expr &stage,
                                           const StageIndex &at);

} // namespace tilec::gpu
