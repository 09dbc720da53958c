// How tile ops compare the shapes of their operands: they match the non-unit extents of their
// regions (a [1, 64, 32] region fits a 64 x 32 tile), and gemm and reduce see an operand as the
// 2-D view of ir/MatrixView.h.
#pragma once

#include "ir/Nodes.h"

#include <optional>
#include <vector>

namespace tilec::ir {

// The constant 1: a dimension the op does not see.
bool isUnitExtent(const Expr &e);
// The extents that are not the constant 1 (a symbolic extent counts as non-unit).
std::vector<Expr> nonUnitExtents(const std::vector<Expr> &extents);
// The dimensions of a region whose extent is not the constant 1.
std::vector<size_t> nonUnitDims(const Region &r);

// Known equal: the same constant, or the same text.
bool sameExtent(const Expr &a, const Expr &b);
bool sameExtents(const std::vector<Expr> &a, const std::vector<Expr> &b);
// Both constant and different: a mismatch no binding of the sizes can fix.
bool staticallyDifferent(const Expr &a, const Expr &b);

// The extents of a region's 2-D view (rows, columns); a missing leading row counts 1. nullopt
// when more than two dimensions are non-unit.
std::optional<std::vector<Expr>> matrixViewExtents(const std::vector<Expr> &extents);

} // namespace tilec::ir
