// Python operators on meta-level values.
//
// Two numbers (or strings, tuples) compute like Python at compile time; as soon as one side is a
// kernel value (a loop index, a load, a symbolic size) the result is a Tile IR expression.
#pragma once

#include "frontend/Ast.h"
#include "frontend/Value.h"

namespace tilec::frontend {

Value binaryOperation(ast::BinOpKind op, const Value &a, const Value &b, SourceLoc loc);
Value unaryOperation(ast::UnaryOpKind op, const Value &a, SourceLoc loc);
// One link of a comparison chain (the caller combines links with `and`).
Value compareOperation(ast::CmpOpKind op, const Value &a, const Value &b, SourceLoc loc);
// min/max of two values: folded for numbers, an IR min/max otherwise.
Value minMax(bool isMax, const Value &a, const Value &b, SourceLoc loc);
// `a and b` on values where at least one side is a run-time condition.
Value logicalAnd(const Value &a, const Value &b, SourceLoc loc);
Value logicalOr(const Value &a, const Value &b, SourceLoc loc);
// `cond ? a : b` with a run-time condition; the branches are unified to one dtype.
Value select(const Value &cond, const Value &a, const Value &b, SourceLoc loc);

} // namespace tilec::frontend
