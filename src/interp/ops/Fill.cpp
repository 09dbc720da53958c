// T.fill executed whole.
#include "interp/ops/Regions.h"
#include "interp/Scalar.h"

namespace tilec::interp::detail {

namespace {

class FillCode final : public StmtCode {
public:
  FillCode(RegionCode dst, ExprPtr value, SourceLoc loc) : dst_(std::move(dst)), value_(std::move(value)), loc_(loc) {}
  void exec(Slots s) const override {
    Box box = resolve(dst_, s, "fill");
    double v = roundValue(value_->eval(s), dst_.buffer->dtype);
    double *out = dst_.buffer->data;
    forEachOffset(box, [&](int64_t o) { out[o] = v; });
  }

private:
  RegionCode dst_;
  ExprPtr value_;
  SourceLoc loc_;
};

} // namespace

StmtPtr compileFill(Compiler &c, const ir::Fill &op) {
  return std::make_unique<FillCode>(c.compileRegion(op.dst, "fill", op.loc), c.compile(op.value), op.loc);
}

} // namespace tilec::interp::detail
