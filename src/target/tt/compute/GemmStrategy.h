// How the compute kernel multiplies one T.gemm: a pure choice from the shapes, the math fidelity
// and where the accumulator lives, returned as a plan that compute/Gemm.cpp carries out.
#pragma once

#include "target/tt/TTProgram.h"

#include <cstdint>

namespace tilec::tt {

enum class GemmStrategy {
  // The accumulator stays in DST for the whole K loop (LowerCompute.cpp decides that):
  ResidentTiles,  // matmul_tiles per output tile into its DST slot
  ResidentBlock,  // one matmul_block per K tile over the whole rt x nt accumulator
  // The accumulator goes through its CB, a DST chunk at a time:
  Tiles,          // matmul_tiles per output tile of the chunk
  ChunkBlock,     // one matmul_block per K tile over the chunk, an rt x ct rectangle, row-major in DST
  ColumnBlocks,   // transpose_B: one matmul_block per column of the chunk, DST held column-major
};

// The operands' tile grids: C is mt x nt tiles (cTiles of them), the K extent kt tiles.
struct GemmShape {
  int64_t mt = 1, nt = 1, kt = 1;
  int64_t cTiles = 1;
  bool transposeB = false;
};

struct GemmPlan {
  GemmStrategy strategy = GemmStrategy::Tiles;
  int64_t rt = 1, ct = 1; // matmul_block's rows x columns of output tiles per call (block strategies)
};

// `dstTiles`: tiles DST holds per acquire; `accumulatorInDst`: C stays in DST across the K loop.
GemmPlan chooseGemmStrategy(const GemmShape &shape, MathFidelity fidelity, int dstTiles, bool accumulatorInDst);

} // namespace tilec::tt
