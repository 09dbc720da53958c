// An element-wise map executed whole: its axes bound to slots, the value evaluated per element.
#include "interp/ops/Regions.h"
#include "interp/Scalar.h"

namespace tilec::interp::detail {

namespace {

// For every point of the box, bind the axes and store the value at dst.starts + axes.
class MapCode final : public StmtCode {
public:
  MapCode(std::vector<int> axisSlots, RegionCode dst, ExprPtr value, SourceLoc loc)
      : axes_(std::move(axisSlots)), dst_(std::move(dst)), value_(std::move(value)), loc_(loc) {}
  void exec(Slots s) const override {
    Box box = resolve(dst_, s, "map destination");
    size_t n = box.extents.size();
    for (int64_t e : box.extents)
      if (e == 0)
        return;
    std::vector<int64_t> idx(n, 0);
    double *out = dst_.buffer->data;
    ir::DType t = dst_.buffer->dtype;
    while (true) {
      int64_t offset = box.base;
      for (size_t d = 0; d < n; ++d) {
        s[axes_[d]] = static_cast<double>(idx[d]);
        offset += idx[d] * box.strides[d];
      }
      out[offset] = roundValue(value_->eval(s), t);
      size_t d = n;
      while (d > 0 && ++idx[d - 1] == box.extents[d - 1])
        idx[--d] = 0;
      if (d == 0)
        return;
    }
  }

private:
  std::vector<int> axes_;
  RegionCode dst_;
  ExprPtr value_;
  SourceLoc loc_;
};

} // namespace

StmtPtr compileMap(Compiler &c, const ir::Map &op) {
  RegionCode dst = c.compileRegion(op.dst, "map destination", op.loc);
  if (op.axes.size() != dst.starts.size())
    fail(op.loc, "map over '" + dst.buffer->name + "' has " + std::to_string(op.axes.size()) +
                     " axes but the region has rank " + std::to_string(dst.starts.size()));
  std::vector<int> axisSlots;
  for (const ir::Var &axis : op.axes)
    axisSlots.push_back(c.declareSlot(axis.get()));
  return std::make_unique<MapCode>(std::move(axisSlots), std::move(dst), c.compile(op.value), op.loc);
}

} // namespace tilec::interp::detail
