// Tiles with a dimension below 32 (docs/TT_BACKEND.md, "Tiles smaller than 32"): such a tile is
// held padded in one 32x32 tile. The tensors it is moved from and to store that many rows or
// columns per page (SmallTilePages.cpp), and the padding never reaches a result: reductions over
// a padded dimension and GEMM over a padded K see it masked to a neutral value
// (MaskPaddedTiles.cpp).
#pragma once

#include "ir/IR.h"
#include "target/tt/TTProgram.h"

#include <map>

namespace tilec::tt {

using Layouts = std::map<const ir::BufferNode *, VectorLayout>;

// A 2-D tensor whose rows are read into column vectors (or columns into row vectors) is stored
// transposed (t.order swapped), so that each page holds the vector along the tile's layout.
void chooseVectorOrder(const ir::PrimFunc &f, TensorPlan &t, const Layouts &layouts);
// Sets t.pageRows / t.pageCols from the copies of t's tensor (t.order and t.layout already set);
// a located error when two copies move it in tiles of different sizes.
void choosePageExtents(const ir::PrimFunc &f, TensorPlan &t, const Layouts &layouts);

// The pass restore-unit-axes (RestoreUnitAxes.cpp): what the simplifier made of T.Parallel loops of
// extent 1 put back in the form the tensoriser reads: a store to a one-element tile becomes a Map
// over its element, and `x[0, j]` in a map over a [1, N] box reads `x[i, j]` again.
void restoreUnitAxes(ir::PrimFunc &f);

// The pass mask-padded-tiles: before each reduction over a padded dimension, and each GEMM whose K
// is padded, the operand whose padding may hold something other than zeros is masked into a fresh
// tile with T.if_then_else on the element's coordinate (an index tile, build-index-tiles).
void maskPaddedTiles(ir::PrimFunc &f);

} // namespace tilec::tt
