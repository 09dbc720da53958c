// Target-independent passes over Tile IR, one per file in src/transform/.
#pragma once

#include "ir/IR.h"

namespace tilec::transform {

// Constant folding and canonical index arithmetic (Simplify.cpp).
void simplify(ir::PrimFunc &f);
ir::Expr simplifyExpr(const ir::Expr &e);

// Completes T.copy regions given by their start only: the extent comes from the other operand's
// shape (InferCopyRegions.cpp). Checks that both sides' extents agree.
void inferCopyRegions(ir::PrimFunc &f);

// Raises the scalar style to tile ops by IR structure (RaiseTileOps.cpp): T.Parallel tile copies
// → Copy, `C[i, j] += A[i, k] * B[k, j]` nests → Gemm, constant stores → Fill, element-wise
// nests → Map, row-accumulation loops → Reduce.
void raiseTileOps(ir::PrimFunc &f);

// Lowers every tile op to scalar loops (ExpandTileOps.cpp): the independent second path that
// `tilec run --target interp` compares the tile-op interpreter against.
void expandTileOps(ir::PrimFunc &f);

} // namespace tilec::transform
