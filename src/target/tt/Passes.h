// The TT passes, one per file; Pipeline.cpp lists them in order and runs them.
#pragma once

#include "target/tt/TT.h"

#include <array>
#include "target/tt/TTProgram.h"

namespace tilec::tt {

// Annotation accessors (annotate_tt_schedule / annotate_tt_sharding), after apply-tt-defaults.
std::string scheduleString(const ir::PrimFunc &f, const std::string &key);
std::optional<int64_t> scheduleInt(const ir::PrimFunc &f, const std::string &key);
// Sharding entry of a parameter: "layout" (row_major | column_major), "memory" (dram | l1).
std::string shardingOf(const ir::PrimFunc &f, const std::string &param, const std::string &key);

// InlineParallelLets.cpp: lets inside T.Parallel nests inlined, then the nests raised again.
void inlineParallelLets(ir::PrimFunc &f);
// RaiseScalarCode.cpp: serial element loops whose iterations are independent, and stores of one
// element (into a one-element tile or a tensor element), raised to tile ops.
void raiseScalarCode(ir::PrimFunc &f);
// WidenPartialUpdates.cpp: an element-wise op writing one row or column of a 2-D tile becomes a
// map over the whole tile choosing, by the element's coordinates, the new value or the old.
void widenPartialUpdates(ir::PrimFunc &f);
// LowerTileChoices.cpp: a choice on tile values in a map (`c(x) ? a : b`) as a sign test of a
// difference into a +-inf tile and SFPU min/max.
void lowerTileChoices(ir::PrimFunc &f);
// WidenIntegerTiles.cpp: an integer tile filled from its tensor and read only through casts to
// float becomes a float32 tile the reader widens into.
void widenIntegerTiles(ir::PrimFunc &f);
// Index-dependent values of element-wise maps become index tiles the reader builds (IndexTiles.cpp);
// first, T.Parallel nests whose values use the element's coordinates are raised to maps
// (RaiseIndexNests.cpp).
void buildIndexTiles(ir::PrimFunc &f);
void raiseIndexNests(ir::PrimFunc &f);

// ValidateTT.cpp: dtypes, tile shapes, supported ops; clear errors at the construct.
void validateForTT(const ir::PrimFunc &f);

// StageGlobalAccesses.cpp: after it, global tensors appear only in Copy statements, each tile
// buffer has one producer kernel and one consumer kernel (docs/TT_BACKEND.md).
void stageGlobalAccesses(ir::PrimFunc &f);

// RoundNarrowIntermediates.cpp: 16-bit intermediates of element-wise code, which DST would keep
// in float32 under fp32_dest_acc_en, stored to fragments of their dtype (rounded by the pack).
void roundNarrowIntermediates(ir::PrimFunc &f);

// ChunkKLoop.cpp: strip-mines GEMM K loops to chunk_k_tiles K tiles per CB transfer (chosen
// from the L1 budget when the kernel does not say).
void chunkKLoops(ir::PrimFunc &f, const ArchInfo &arch);

// BridgeVectorLayouts.cpp: a 1-D tile that maps read both as a row and as a column keeps one
// layout; the maps reading it the other way read a twin, copied (transposed) just before them.
void bridgeVectorLayouts(ir::PrimFunc &f);

// InferVectorLayout.cpp: row or column layout of every 1-D tensor and tile.
std::map<const ir::BufferNode *, VectorLayout> inferVectorLayouts(const ir::PrimFunc &f);

// PlanWorkDistribution.cpp: grid → persistent per-core loops (policy, order, core grid).
SchedulePlan planWorkDistribution(const ir::PrimFunc &f, const ArchInfo &arch, const TTOptions &opts);
// Which blocks core `core` runs, as (bx, by, bz) lists: the same split host.cpp computes.
struct BlockAssignment {
  std::vector<std::vector<int64_t>> slots;   // per core: the 4 schedule runtime args
  std::vector<std::vector<std::array<int64_t, 3>>> blocks; // per core: its blocks in order
};
BlockAssignment assignBlocks(const SchedulePlan &s, int64_t gx, int64_t gy, int64_t gz);

// PlanCircularBuffers.cpp: one CB per tile buffer (+ the reduce scaler), roles, depths, L1 budget.
void planCircularBuffers(TTProgram &p, const std::map<const ir::BufferNode *, VectorLayout> &layouts);

// PlanMulticast.cpp: with block_linear, A/B blocks shared by a core row/column are read once
// and multicast (sender + receivers, semaphores).
void planMulticast(TTProgram &p);

// PlanTensors.cpp (host plan): tensors, padding, runtime args of each kernel.
void planTensors(TTProgram &p, const std::map<const ir::BufferNode *, VectorLayout> &layouts);
void planRuntimeArgs(TTProgram &p);

// LowerDataMovement.cpp: reader and writer kernels.
void lowerDataMovement(TTProgram &p);

// LowerCompute.cpp: the compute kernel (tensorised tile ops, DST blocking, spill/reload).
void lowerCompute(TTProgram &p);

// Printers.
std::string printKernel(const TTProgram &p, const KernelPlan &k);
std::string printHost(const TTProgram &p);
std::string printMain(const TTProgram &p);
std::string printCMakeLists(const TTProgram &p);
std::string printPlanJson(const TTProgram &p);

} // namespace tilec::tt

namespace tilec::tt {
// PlanWorkDistribution.cpp, the parts the other passes and printers share:
// the persistent loop every kernel wraps its per-block body in (defines bx, by, bz) ...
KBody persistentLoop(const TTProgram &p, const KBody &perBlock);
// ... and the host-side C++ function that computes each core's schedule args.
std::string hostScheduleFunction(const SchedulePlan &s);
} // namespace tilec::tt
