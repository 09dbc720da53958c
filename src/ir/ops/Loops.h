// Building blocks for expanding tile ops into scalar loops (TileOp::expand): loop nests over a
// region's box, the indices of an element of a region, casts and constants in a given dtype.
#pragma once

#include "ir/Nodes.h"

#include <array>
#include <vector>

namespace tilec::ir {

// Expansion needs complete regions: extents given (infer-copy-regions ran) and one start and
// extent per buffer dimension. A located CompileError otherwise.
void checkExpandable(const Region &r, const char *what, SourceLoc opLoc);

// start + offset, without a `+ 0` for the common zero start.
Expr shifted(const Expr &start, const Expr &offset);

// Wraps `body` in one loop per (var, extent) from 0, the first pair outermost.
Stmt loopNest(Stmt body, const std::vector<Var> &vars, const std::vector<Expr> &extents, ForKind kind,
              SourceLoc loc);

Expr castTo(DType t, Expr e);
// a op b computed in dtype t (no promotion).
Expr binaryIn(DType t, BinaryOp op, Expr a, Expr b);
Expr zeroOf(DType t);

// The region dimensions of a gemm / reduce operand's 2-D view (ir/MatrixView.h): {row, column},
// -1 for the missing leading row of a 1-D operand. A located error when more than two
// dimensions are non-unit.
std::array<int, 2> matrixDims(const Region &r, const char *what, SourceLoc loc);
// The extent of view dimension `dim` of `matrixDims` (1 for a missing one).
Expr viewExtent(const Region &r, int dim);
// The indices of element (row, col) of a region seen through its 2-D view `m`.
std::vector<Expr> matrixIndex(const Region &r, std::array<int, 2> m, const Expr &row, const Expr &col);

// 0 <= idx[d] < shape[d] for every dimension, as one Bool expression.
Expr inBounds(const Buffer &b, const std::vector<Expr> &idx);

} // namespace tilec::ir
