#include "interp/ops/Regions.h"
#include "interp/Scalar.h"

#include <sstream>

namespace tilec::interp::detail {

int64_t Box::numel() const {
  int64_t n = 1;
  for (int64_t e : extents) n *= e;
  return n;
}

namespace {

std::string describeRegion(const std::vector<int64_t> &starts, const std::vector<int64_t> &extents) {
  std::ostringstream os;
  os << '[';
  for (size_t d = 0; d < starts.size(); ++d)
    os << (d ? ", " : "") << starts[d] << ':' << starts[d] + extents[d];
  os << ']';
  return os.str();
}

// Picks the box's two matrix dimensions (see matrixOrFail); nullopt when more than two are non-unit.
std::optional<Matrix> asMatrix(const Box &box) {
  size_t rank = box.extents.size();
  std::vector<bool> chosen(rank, false);
  size_t count = 0;
  for (size_t d = 0; d < rank; ++d)
    if (box.extents[d] != 1) {
      chosen[d] = true;
      ++count;
    }
  if (count > 2)
    return std::nullopt;
  for (size_t d = rank; d-- > 0 && count < 2;)
    if (!chosen[d]) {
      chosen[d] = true;
      ++count;
    }
  std::vector<size_t> dims;
  for (size_t d = 0; d < rank; ++d)
    if (chosen[d])
      dims.push_back(d);
  Matrix m;
  m.base = box.base;
  if (dims.size() == 2) {
    m.rows = box.extents[dims[0]];
    m.rowStride = box.strides[dims[0]];
  }
  if (!dims.empty()) {
    m.cols = box.extents[dims.back()];
    m.colStride = box.strides[dims.back()];
  }
  return m;
}

} // namespace

ResolvedRegion evaluate(const RegionCode &r, Slots s) {
  const BufferState &b = *r.buffer;
  ResolvedRegion out;
  for (size_t d = 0; d < r.starts.size(); ++d) {
    int64_t st = toInt64(r.starts[d]->eval(s)), ex = toInt64(r.extents[d]->eval(s));
    // Compare with subtraction only, so a huge start cannot overflow.
    out.inside &= st >= 0 && ex >= 0 && st <= b.shape[d] && ex <= b.shape[d] - st;
    out.starts.push_back(st);
    out.extents.push_back(ex);
  }
  return out;
}

void failOutside(const RegionCode &r, const ResolvedRegion &rr, const char *role) {
  fail(r.loc, std::string("out-of-bounds ") + role + " region of '" + r.buffer->name + "': " +
                  describeRegion(rr.starts, rr.extents) + " is outside shape " +
                  formatList(r.buffer->shape));
}

Box toBox(const BufferState &b, const ResolvedRegion &rr) {
  Box box;
  for (size_t d = 0; d < rr.starts.size(); ++d)
    box.base += rr.starts[d] * b.strides[d];
  box.extents = rr.extents;
  box.strides = b.strides;
  return box;
}

Box resolve(const RegionCode &r, Slots s, const char *role) {
  ResolvedRegion rr = evaluate(r, s);
  if (!rr.inside)
    failOutside(r, rr, role);
  return toBox(*r.buffer, rr);
}

Box nonUnit(const Box &b) {
  Box out;
  out.base = b.base;
  for (size_t d = 0; d < b.extents.size(); ++d)
    if (b.extents[d] != 1) {
      out.extents.push_back(b.extents[d]);
      out.strides.push_back(b.strides[d]);
    }
  return out;
}

Matrix matrixOrFail(const RegionCode &r, Slots s, const char *role, SourceLoc loc) {
  std::optional<Matrix> m = asMatrix(resolve(r, s, role));
  if (!m)
    fail(loc, std::string(role) + " operand '" + r.buffer->name + "' must be a 2-D tile region");
  return *m;
}

} // namespace tilec::interp::detail
