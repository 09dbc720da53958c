// The 2-D view through which gemm and reduce see an operand region, and how a reduction's `dim`
// (written against the source region, as in TileLang) maps onto it.
//
// The view keeps a region's non-unit dimensions, padded with its trailing unit ones up to two; a
// 1-D region is one row (a leading unit dimension that exists in no buffer). So [1, 64, 32] is a
// 64x32 matrix, [32, 1] a 32x1 column, [64] a 1x64 row. Extents that are not constants count as
// non-unit. The ops' own rules and expansions (ir/ops/) and the interpreter (interp/ops/) read
// operands this same way.
//
// Reduce::dim is the reduced dimension *of this view*: reducing dimension d of a region gives the
// region's shape with d removed (a 0-D result is one element), which the view expresses as
// reducing the view dimension that d became.
#pragma once

#include "ir/IR.h"

#include <array>
#include <optional>

namespace tilec::ir {

// For each of the view's two dimensions (row, column), the region dimension it is, or -1 for the
// leading row a 1-D region lacks. nullopt when more than two dimensions are non-unit.
std::optional<std::array<int, 2>> matrixViewDims(const std::vector<Expr> &extents);

// The view dimension (0 rows, 1 columns) that reducing region dimension `regionDim` reduces.
// A unit dimension the view left out is the same as reducing a unit dimension it kept, when it
// kept one. nullopt when the region has no 2-D view, or when `regionDim` is a left-out unit
// dimension beside two non-unit ones (the result would be 2-D).
std::optional<int> reduceViewDim(const std::vector<Expr> &extents, int regionDim);

// The region dimension view dimension `viewDim` stands for (-1: the missing leading row of a 1-D
// region); the inverse of reduceViewDim for messages in the user's terms.
int reduceRegionDim(const std::vector<Expr> &extents, int viewDim);

} // namespace tilec::ir
