// The staged epilogue: T.copy of a tensor-core accumulator (fragment) to global memory through a
// shared staging tile, so that global memory sees 16-byte, fully coalesced stores instead of the
// accumulator layout's 2 adjacent elements a lane (EpilogueDecision.cpp decides, EpilogueStaging.cpp
// lowers).
#pragma once

#include "target/gpu/SimtLowering.h"

#include <optional>

namespace tilec::gpu {

struct EpiloguePlan {
  const Layout *layout = nullptr; // the fragment's (Mma or Wgmma)
  int64_t rows = 0, cols = 0;     // the copied tile
  DType out;                      // the global tensor's dtype: staging holds converted values
  int lanes = 0;                  // elements in 16 bytes of `out`
  int64_t pitch = 0;              // elements in a staging row (cols plus the bank padding)
  int64_t slabRows = 0;           // rows staged at once (a divisor of rows; rows: one pass)
  bool pairStores = false;        // fragment -> shared as 8-byte pairs (fp32 to fp32)
  // Tile IR conditions under which a vector is aligned, for what is not provable at compile
  // time (the row length, the column start); empty: always aligned. When not met at run time,
  // the scalar tail stores the staged elements one by one.
  std::vector<ir::Expr> alignment;
};

// Whether the copy is staged, and how; nullopt: the direct element-wise copy.
std::optional<EpiloguePlan> decideEpilogue(const SimtLowering &cx, const ir::Copy &c);

// The staged copy (fragment -> staging tile -> barrier -> 16-byte stores), or nullopt when the
// decision says not to stage.
std::optional<SStmt> lowerStagedEpilogue(SimtLowering &cx, const ir::Copy &c, const StageIndex &stages);

} // namespace tilec::gpu
