// T.copy executed whole: element by element with a cast, clipped at a global tensor's edge.
#include "interp/ops/Regions.h"
#include "interp/Scalar.h"

#include <optional>

namespace tilec::interp::detail {

namespace {

// The dimensions of a region whose extent is not 1.
std::vector<size_t> nonUnitDims(const std::vector<int64_t> &extents) {
  std::vector<size_t> dims;
  for (size_t d = 0; d < extents.size(); ++d)
    if (extents[d] != 1)
      dims.push_back(d);
  return dims;
}

// The element at `offsets` (one per non-unit dimension) of a region, or nullopt outside its buffer.
std::optional<int64_t> elementOffset(const BufferState &b, const ResolvedRegion &rr,
                                     const std::vector<size_t> &dims, const std::vector<int64_t> &offsets) {
  std::vector<int64_t> idx = rr.starts;
  for (size_t k = 0; k < dims.size(); ++k)
    idx[dims[k]] += offsets[k];
  int64_t flat = 0;
  for (size_t d = 0; d < idx.size(); ++d) {
    if (idx[d] < 0 || idx[d] >= b.shape[d])
      return std::nullopt;
    flat += idx[d] * b.strides[d];
  }
  return flat;
}

class CopyCode final : public StmtCode {
public:
  CopyCode(RegionCode src, RegionCode dst, SourceLoc loc) : src_(std::move(src)), dst_(std::move(dst)), loc_(loc) {}
  void exec(Slots s) const override {
    ResolvedRegion src = evaluate(src_, s), dst = evaluate(dst_, s);
    checkInside(src_, src, "copy source");
    checkInside(dst_, dst, "copy destination");
    Box srcBox = nonUnit(toBox(*src_.buffer, src)), dstBox = nonUnit(toBox(*dst_.buffer, dst));
    if (srcBox.extents != dstBox.extents)
      fail(loc_, "copy shape mismatch: source '" + src_.buffer->name + "' has extents " +
                     formatList(srcBox.extents) + ", destination '" + dst_.buffer->name + "' has " +
                     formatList(dstBox.extents));
    if (!src.inside || !dst.inside)
      return copyClipped(src, dst, srcBox.extents);
    const double *in = src_.buffer->data;
    double *out = dst_.buffer->data;
    ir::DType t = dst_.buffer->dtype;
    forEachPair(srcBox.extents, srcBox.strides, dstBox.strides, srcBox.base, dstBox.base,
                [&](int64_t from, int64_t to) { out[to] = roundValue(in[from], t); });
  }

private:
  // Only the global side of a copy may cross its tensor's edge (see RegionCode::clipToBuffer).
  static void checkInside(const RegionCode &r, const ResolvedRegion &rr, const char *role) {
    if (!rr.inside && !r.clipToBuffer)
      failOutside(r, rr, role);
  }

  // A tail tile, element by element: reads outside the source give 0, writes outside the
  // destination are dropped.
  void copyClipped(const ResolvedRegion &src, const ResolvedRegion &dst,
                   const std::vector<int64_t> &extents) const {
    std::vector<size_t> srcDims = nonUnitDims(src.extents), dstDims = nonUnitDims(dst.extents);
    for (int64_t e : extents)
      if (e <= 0)
        return;
    const double *in = src_.buffer->data;
    double *out = dst_.buffer->data;
    ir::DType t = dst_.buffer->dtype;
    std::vector<int64_t> at(extents.size(), 0);
    while (true) {
      if (std::optional<int64_t> to = elementOffset(*dst_.buffer, dst, dstDims, at)) {
        std::optional<int64_t> from = elementOffset(*src_.buffer, src, srcDims, at);
        out[*to] = from ? roundValue(in[*from], t) : 0.0;
      }
      size_t d = at.size();
      while (d > 0 && ++at[d - 1] == extents[d - 1])
        at[--d] = 0;
      if (d == 0)
        return;
    }
  }

  RegionCode src_, dst_;
  SourceLoc loc_;
};

} // namespace

StmtPtr compileCopy(Compiler &c, const ir::Copy &op) {
  RegionCode src = c.compileRegion(op.src, "copy source", op.loc);
  RegionCode dst = c.compileRegion(op.dst, "copy destination", op.loc);
  src.clipToBuffer = op.src.buffer->scope == ir::Scope::Global;
  dst.clipToBuffer = op.dst.buffer->scope == ir::Scope::Global;
  return std::make_unique<CopyCode>(std::move(src), std::move(dst), op.loc);
}

} // namespace tilec::interp::detail
