// T.reduce_* executed whole, every step rounded to the destination's dtype.
#include "interp/ops/Regions.h"
#include "interp/Scalar.h"

#include <cmath>

namespace tilec::interp::detail {

namespace {

// The identity of a reduction in dtype t (integer max/min start at the dtype's limits).
double reduceInit(ir::ReduceKind kind, ir::DType t) {
  bool isMax = kind == ir::ReduceKind::Max, isMin = kind == ir::ReduceKind::Min;
  if (!isMax && !isMin)
    return 0.0; // sum, abssum, absmax (|x| >= 0)
  switch (t) {
  case ir::DType::Bool: return isMax ? 0.0 : 1.0;
  case ir::DType::Int8: return isMax ? -128.0 : 127.0;
  case ir::DType::Int32: return isMax ? -2147483648.0 : 2147483647.0;
  case ir::DType::UInt32: return isMax ? 0.0 : 4294967295.0;
  case ir::DType::Int64: return isMax ? -0x1p63 : 0x1p63; // as close as a double gets
  default: return isMax ? -INFINITY : INFINITY;
  }
}

double reduceCombine(ir::ReduceKind kind, double acc, double x) {
  switch (kind) {
  case ir::ReduceKind::Sum:
  case ir::ReduceKind::AbsSum: return acc + x;
  case ir::ReduceKind::Max:
  case ir::ReduceKind::AbsMax: return maxOf(acc, x);
  case ir::ReduceKind::Min: return minOf(acc, x);
  }
  return acc;
}

// dst[r] = reduce over k of src (along `dim`), element by element in dst's dtype:
//   acc = init; acc = round(acc (+|max|min) round(x)); dst = clear ? acc : round(dst (+|max|min) acc)
class ReduceCode final : public StmtCode {
public:
  ReduceCode(ir::ReduceKind kind, RegionCode src, RegionCode dst, int dim, bool clear, SourceLoc loc)
      : kind_(kind), src_(std::move(src)), dst_(std::move(dst)), dim_(dim), clear_(clear), loc_(loc) {}

  void exec(Slots s) const override {
    Matrix m = matrixOrFail(src_, s, "reduce source", loc_);
    Box dst = nonUnit(resolve(dst_, s, "reduce destination"));
    int64_t kept = dim_ == 0 ? m.cols : m.rows, reduced = dim_ == 0 ? m.rows : m.cols;
    int64_t keptStride = dim_ == 0 ? m.colStride : m.rowStride;
    int64_t redStride = dim_ == 0 ? m.rowStride : m.colStride;
    if (dst.extents.size() > 1 || dst.numel() != kept)
      fail(loc_, "reduce shape mismatch: reducing '" + src_.buffer->name + "' along dim " +
                     std::to_string(dim_) + " gives " + std::to_string(kept) + " values but '" +
                     dst_.buffer->name + "' region has extents " + formatList(dst.extents));
    ir::DType t = dst_.buffer->dtype;
    bool takeAbs = kind_ == ir::ReduceKind::AbsSum || kind_ == ir::ReduceKind::AbsMax;
    double init = reduceInit(kind_, t);
    const double *in = src_.buffer->data;
    double *out = dst_.buffer->data;
    int64_t dstStride = dst.strides.empty() ? 0 : dst.strides[0];
    for (int64_t r = 0; r < kept; ++r) {
      double acc = init;
      for (int64_t k = 0; k < reduced; ++k) {
        double x = roundValue(in[m.base + r * keptStride + k * redStride], t);
        acc = roundValue(reduceCombine(kind_, acc, takeAbs ? std::fabs(x) : x), t);
      }
      double &slot = out[dst.base + r * dstStride];
      slot = clear_ ? acc : roundValue(reduceCombine(kind_, slot, acc), t);
    }
  }

private:
  ir::ReduceKind kind_;
  RegionCode src_, dst_;
  int dim_;
  bool clear_;
  SourceLoc loc_;
};

} // namespace

StmtPtr compileReduce(Compiler &c, const ir::Reduce &op) {
  RegionCode src = c.compileRegion(op.src, "reduce source", op.loc);
  RegionCode dst = c.compileRegion(op.dst, "reduce destination", op.loc);
  if (op.dim != 0 && op.dim != 1)
    fail(op.loc, "reduce dimension must be 0 or 1 (got " + std::to_string(op.dim) + ")");
  return std::make_unique<ReduceCode>(op.reduceKind, std::move(src), std::move(dst), op.dim, op.clear, op.loc);
}

} // namespace tilec::interp::detail
