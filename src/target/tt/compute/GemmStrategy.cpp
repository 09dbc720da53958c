#include "target/tt/compute/GemmStrategy.h"

#include "target/tt/compute/CbProtocol.h"

namespace tilec::tt {

namespace {

// matmul_block saves unpacks but issues one unpack -> math step per rt x ct tiles, so the math of a
// block waits for all of its operands. At HiFi4 a per-tile matmul is already math-bound (64 cycles
// against ~52 to unpack both bf16 tiles on wormhole), the saving buys nothing and the coarser overlap
// costs cycles (flash_attention 20149 -> 20199, gemm.py 7615 -> 7717 on tt-sim; HiFi3, 48 cycles, is
// mixed: 19629 -> 19623, 7419 -> 7461); so the strategies that only matmul_block takes (DST-resident
// accumulator, transpose_B by columns) are for LoFi and HiFi2.
bool blockPays(MathFidelity f) { return f == MathFidelity::LoFi || f == MathFidelity::HiFi2; }

// The whole accumulator is one rt x nt rectangle at DST[0 ..): one matmul_block per K tile. With
// transpose_B the in1 tiles of a row are kt apart and DST's layout is fixed here, so only nt == 1
// (or kt == 1) fits.
GemmPlan residentPlan(const GemmShape &s, MathFidelity fidelity) {
  int64_t rows = s.nt > 0 ? s.cTiles / s.nt : 0;
  if (blockPays(fidelity) && s.cTiles > 1 && rows * s.nt == s.cTiles && rows == s.mt &&
      (!s.transposeB || s.nt == 1 || s.kt == 1))
    return {GemmStrategy::ResidentBlock, rows, s.nt};
  return {GemmStrategy::ResidentTiles, 1, 1};
}

// matmul_block over each DST chunk when the chunk is an rt x ct rectangle of C's tiles: one call per
// K tile multiplies an rt x 1 column of A by a 1 x ct row of B (in0 rows kt tiles apart, in1 tiles of
// a row adjacent), writing DST[0 .. rt*ct) row-major, which is the chunk's slot order. With
// transpose_B the in1 tiles of a row are kt apart, so only ct == 1 (or kt == 1) fits; otherwise, when
// blocks pay, each call takes one column of the chunk (in1's tiles for one output column are B's row,
// adjacent) into DST held column-major.
GemmPlan chunkPlan(const GemmShape &s, MathFidelity fidelity, int dstTiles) {
  int64_t chunk = largestDivisorAtMost(int(s.cTiles), dstTiles);
  int64_t rt = 0, ct = 0;
  if (chunk <= s.nt && s.nt % chunk == 0)
    rt = 1, ct = chunk;
  else if (chunk % s.nt == 0)
    rt = chunk / s.nt, ct = s.nt;
  if (rt * ct > 1 && (!s.transposeB || ct == 1 || s.kt == 1))
    return {GemmStrategy::ChunkBlock, rt, ct};
  if (blockPays(fidelity) && s.transposeB && rt > 1 && ct > 1 && s.kt > 1)
    return {GemmStrategy::ColumnBlocks, rt, ct};
  return {GemmStrategy::Tiles, 1, 1};
}

} // namespace

GemmPlan chooseGemmStrategy(const GemmShape &shape, MathFidelity fidelity, int dstTiles, bool accumulatorInDst) {
  return accumulatorInDst ? residentPlan(shape, fidelity) : chunkPlan(shape, fidelity, dstTiles);
}

} // namespace tilec::tt
