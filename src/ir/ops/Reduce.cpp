#include "ir/ops/Reduce.h"

#include "ir/IR.h"
#include "ir/MatrixView.h"
#include "ir/Printer.h"
#include "ir/ops/Extents.h"
#include "ir/ops/Loops.h"

#include <cmath>
#include <limits>

namespace tilec::ir {

const char *reduceKindName(ReduceKind k) {
  switch (k) {
  case ReduceKind::Sum: return "sum";
  case ReduceKind::Max: return "max";
  case ReduceKind::Min: return "min";
  case ReduceKind::AbsSum: return "abssum";
  case ReduceKind::AbsMax: return "absmax";
  }
  return "?";
}

std::vector<Operand> Reduce::operands() const { return {{&src, true, false}, {&dst, !clear, true}}; }

Stmt Reduce::rebuild(std::vector<Region> regions, std::vector<Expr>) const {
  return std::make_shared<Reduce>(reduceKind, std::move(regions[0]), std::move(regions[1]), dim, clear, loc);
}

// Reducing dimension d of the source leaves its shape without d; reducing the only dimension of a
// 1-D source leaves one element. Unit extents on either side are ignored.
void Reduce::verify(RegionChecker &checker) const {
  checker.checkRegion(src, loc, "reduce source");
  checker.checkRegion(dst, loc, "reduce destination");
  if (dim != 0 && dim != 1)
    fail(loc, "reduce dim must be 0 or 1 on the source's 2-D view, got " + std::to_string(dim));
  auto view = matrixViewExtents(src.extents);
  if (!view)
    fail(loc, "reduce source " + src.buffer->name + " is " + tupleText(src.extents) +
                  "; reductions take a 1-D or 2-D region");
  std::vector<Expr> expected = nonUnitExtents({(*view)[1 - dim]});
  std::vector<Expr> got = nonUnitExtents(dst.extents);
  if (sameExtents(expected, got))
    return;
  int regionDim = reduceRegionDim(src.extents, dim);
  std::string along = regionDim >= 0 ? "along dim " + std::to_string(regionDim)
                                     : std::string("along its missing leading dimension");
  fail(loc, "reduce shapes do not match: reducing " + src.buffer->name + " " + tupleText(src.extents) + " " +
                along + " gives " + tupleText(expected.empty() ? std::vector<Expr>{intImm(1)} : expected) +
                " but destination " + dst.buffer->name + " is " + tupleText(dst.extents));
}

namespace {

// The identity a reduction starts from, in dtype t (integer max/min: the dtype's limits).
Expr reduceIdentity(ReduceKind kind, DType t) {
  if (kind != ReduceKind::Max && kind != ReduceKind::Min)
    return zeroOf(t);
  bool isMax = kind == ReduceKind::Max;
  if (isFloat(t))
    return floatImm(isMax ? -INFINITY : INFINITY, t);
  int64_t lo = 0, hi = 0;
  switch (t) {
  case DType::Bool: lo = 0; hi = 1; break;
  case DType::Int8: lo = -128; hi = 127; break;
  case DType::UInt32: lo = 0; hi = 4294967295; break;
  case DType::Int64:
    lo = std::numeric_limits<int64_t>::min();
    hi = std::numeric_limits<int64_t>::max();
    break;
  default: lo = std::numeric_limits<int32_t>::min(); hi = std::numeric_limits<int32_t>::max(); break;
  }
  return std::make_shared<IntImm>(isMax ? lo : hi, t);
}

BinaryOp reduceOp(ReduceKind kind) {
  switch (kind) {
  case ReduceKind::Max:
  case ReduceKind::AbsMax: return BinaryOp::Max;
  case ReduceKind::Min: return BinaryOp::Min;
  default: return BinaryOp::Add;
  }
}

} // namespace

// Parallel over the kept elements; Serial over the reduced dimension into a one-element local
// tile, so that the combine with dst (clear=false) sees the finished reduction, as the op defines.
Stmt Reduce::expand(ScratchTiles &scratch) const {
  checkExpandable(src, "reduce source", loc);
  checkExpandable(dst, "reduce destination", loc);
  if (dim != 0 && dim != 1)
    fail(loc, "reduce dimension must be 0 or 1 (got " + std::to_string(dim) + ")");
  auto view = matrixDims(src, "reduce source", loc);
  Expr kept = viewExtent(src, view[1 - dim]), reduced = viewExtent(src, view[dim]);
  std::vector<size_t> dd = nonUnitDims(dst);
  if (dd.size() > 1 || (dd.empty() && !isUnitExtent(kept)) ||
      (dd.size() == 1 && staticallyDifferent(dst.extents[dd[0]], kept)))
    fail(loc, "reduce shape mismatch between '" + src.buffer->name + "' and '" + dst.buffer->name + "'");

  DType t = dst.buffer->dtype;
  Buffer acc = scratch.local(dst.buffer->name + "_acc", t, loc);
  std::vector<Expr> accIdx{intImm(0)};

  Var keptVar = var("red_i", DType::Int32, loc), redVar = var("red_k", DType::Int32, loc);
  Expr x = castTo(t, load(src.buffer, dim == 0 ? matrixIndex(src, view, redVar, keptVar)
                                               : matrixIndex(src, view, keptVar, redVar), loc));
  if (reduceKind == ReduceKind::AbsSum || reduceKind == ReduceKind::AbsMax)
    x = std::make_shared<Call>("abs", std::vector<Expr>{x}, t, loc);
  BinaryOp op = reduceOp(reduceKind);
  Stmt init = std::make_shared<Store>(acc, accIdx, reduceIdentity(reduceKind, t), loc);
  Stmt step = std::make_shared<Store>(acc, accIdx, binaryIn(t, op, load(acc, accIdx), x), loc);
  Stmt loop = std::make_shared<For>(redVar, intImm(0), reduced, ForKind::Serial, step, loc);

  std::vector<Expr> dstIdx = dst.starts;
  if (dd.size() == 1)
    dstIdx[dd[0]] = shifted(dst.starts[dd[0]], keptVar);
  Expr result = load(acc, accIdx);
  if (!clear)
    result = binaryIn(t, op, load(dst.buffer, dstIdx, loc), result);
  Stmt write = std::make_shared<Store>(dst.buffer, dstIdx, result, loc);
  return std::make_shared<For>(keptVar, intImm(0), kept, ForKind::Parallel, seq({init, loop, write}, loc), loc);
}

std::string Reduce::print() const {
  // The dimension of the source as written (dim counts its 2-D view's dimensions).
  int shown = reduceRegionDim(src.extents, dim);
  return std::string("reduce_") + reduceKindName(reduceKind) + "(" + printRegion(src) + " -> " + printRegion(dst) +
         ", dim=" + std::to_string(shown >= 0 ? shown : dim) + (clear ? "" : ", accumulate") + ")";
}

} // namespace tilec::ir
