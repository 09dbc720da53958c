// Tile ops executed whole: copy, gemm, fill, reduce and map as tight loops over resolved regions.
//
// A region resolves (per execution, since its starts depend on loop and block indices) to a Box:
// a base offset plus an (extent, stride) pair per dimension, bounds-checked once. Tile ops
// match the non-unit extents of their operands, so `A[bz, 0:64, 0:32]` fits a 64x32 tile.
#include "interp/Runtime.h"
#include "interp/Scalar.h"

#include <optional>
#include <sstream>

namespace tilec::interp::detail {

namespace {

struct Box {
  int64_t base = 0;
  std::vector<int64_t> extents, strides;
  int64_t numel() const {
    int64_t n = 1;
    for (int64_t e : extents) n *= e;
    return n;
  }
};

std::string describeRegion(const std::vector<int64_t> &starts, const std::vector<int64_t> &extents) {
  std::ostringstream os;
  os << '[';
  for (size_t d = 0; d < starts.size(); ++d)
    os << (d ? ", " : "") << starts[d] << ':' << starts[d] + extents[d];
  os << ']';
  return os.str();
}

// A region's starts and extents evaluated for one execution.
struct ResolvedRegion {
  std::vector<int64_t> starts, extents;
  bool inside = true; // the whole region lies inside its buffer
};

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

[[noreturn]] void failOutside(const RegionCode &r, const ResolvedRegion &rr, const char *role) {
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

// Evaluates a region and checks that it lies inside its buffer.
Box resolve(const RegionCode &r, Slots s, const char *role) {
  ResolvedRegion rr = evaluate(r, s);
  if (!rr.inside)
    failOutside(r, rr, role);
  return toBox(*r.buffer, rr);
}

// The box without its dimensions of extent 1: what tile ops match between operands.
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

// Calls f(offsetA, offsetB) for every point of the box `extents`, walking two buffers at once
// (odometer over the outer dimensions, a tight loop over the innermost one).
template <class F>
void forEachPair(const std::vector<int64_t> &extents, const std::vector<int64_t> &stridesA,
                 const std::vector<int64_t> &stridesB, int64_t baseA, int64_t baseB, F f) {
  size_t n = extents.size();
  if (n == 0) {
    f(baseA, baseB);
    return;
  }
  for (int64_t e : extents)
    if (e == 0)
      return;
  std::vector<int64_t> idx(n, 0);
  const int64_t inner = extents[n - 1], stepA = stridesA[n - 1], stepB = stridesB[n - 1];
  while (true) {
    int64_t a = baseA, b = baseB;
    for (size_t d = 0; d + 1 < n; ++d) {
      a += idx[d] * stridesA[d];
      b += idx[d] * stridesB[d];
    }
    for (int64_t k = 0; k < inner; ++k)
      f(a + k * stepA, b + k * stepB);
    size_t d = n - 1;
    while (d > 0 && ++idx[d - 1] == extents[d - 1])
      idx[--d] = 0;
    if (d == 0)
      return;
  }
}

template <class F> void forEachOffset(const Box &box, F f) {
  forEachPair(box.extents, box.strides, box.strides, box.base, 0, [&](int64_t a, int64_t) { f(a); });
}

// A 2-D view of a region for gemm and reduce: element (r, c) at base + r*rowStride + c*colStride.
struct Matrix {
  int64_t base = 0, rows = 1, cols = 1, rowStride = 0, colStride = 0;
};

// Picks the region's two matrix dimensions: a 2-D region uses both; a higher-rank one its
// non-unit dimensions, padded with its trailing unit ones (so [1, 64, 32] is 64x32); a 1-D one
// is a single row. nullopt when more than two dimensions are non-unit.
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

Matrix matrixOrFail(const RegionCode &r, Slots s, const char *role, SourceLoc loc) {
  std::optional<Matrix> m = asMatrix(resolve(r, s, role));
  if (!m)
    fail(loc, std::string(role) + " operand '" + r.buffer->name + "' must be a 2-D tile region");
  return *m;
}

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

// C (+)= op(A) @ op(B). Operands are rounded to C's dtype, every product and every partial sum
// too: fp32 accumulation when C is fp32, fp16 accumulation when C is fp16.
class GemmCode final : public StmtCode {
public:
  GemmCode(RegionCode a, RegionCode b, RegionCode c, bool ta, bool tb, bool clear, SourceLoc loc)
      : a_(std::move(a)), b_(std::move(b)), c_(std::move(c)), ta_(ta), tb_(tb), clear_(clear), loc_(loc) {}

  void exec(Slots s) const override {
    Matrix a = matrixOrFail(a_, s, "gemm A", loc_), b = matrixOrFail(b_, s, "gemm B", loc_),
           c = matrixOrFail(c_, s, "gemm C", loc_);
    // op(A) is M x K: element (i, k) at strides (aI, aK); op(B) is K x N likewise.
    int64_t m = ta_ ? a.cols : a.rows, k = ta_ ? a.rows : a.cols;
    int64_t aI = ta_ ? a.colStride : a.rowStride, aK = ta_ ? a.rowStride : a.colStride;
    int64_t kb = tb_ ? b.cols : b.rows, n = tb_ ? b.rows : b.cols;
    int64_t bK = tb_ ? b.colStride : b.rowStride, bJ = tb_ ? b.rowStride : b.colStride;
    if (k != kb || m != c.rows || n != c.cols)
      fail(loc_, "gemm shape mismatch: op(A) is " + std::to_string(m) + "x" + std::to_string(k) +
                     ", op(B) is " + std::to_string(kb) + "x" + std::to_string(n) + ", C is " +
                     std::to_string(c.rows) + "x" + std::to_string(c.cols));
    ir::DType t = c_.buffer->dtype;
    auto run = [&](auto round) {
      const double *A = a_.buffer->data, *B = b_.buffer->data;
      double *C = c_.buffer->data;
      for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j) {
          double &out = C[c.base + i * c.rowStride + j * c.colStride];
          double acc = clear_ ? 0.0 : out;
          for (int64_t kk = 0; kk < k; ++kk) {
            double x = round(A[a.base + i * aI + kk * aK]), y = round(B[b.base + kk * bK + j * bJ]);
            acc = round(acc + round(x * y));
          }
          out = acc;
        }
    };
    if (t == ir::DType::Float32)
      run([](double v) { return static_cast<double>(static_cast<float>(v)); });
    else
      run([t](double v) { return roundValue(v, t); });
  }

private:
  RegionCode a_, b_, c_;
  bool ta_, tb_, clear_;
  SourceLoc loc_;
};

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

StmtPtr makeCopyCode(RegionCode src, RegionCode dst, SourceLoc loc) {
  return std::make_unique<CopyCode>(std::move(src), std::move(dst), loc);
}
StmtPtr makeGemmCode(RegionCode a, RegionCode b, RegionCode c, bool transposeA, bool transposeB,
                     bool clearAccum, SourceLoc loc) {
  return std::make_unique<GemmCode>(std::move(a), std::move(b), std::move(c), transposeA, transposeB,
                                    clearAccum, loc);
}
StmtPtr makeFillCode(RegionCode dst, ExprPtr value, SourceLoc loc) {
  return std::make_unique<FillCode>(std::move(dst), std::move(value), loc);
}
StmtPtr makeReduceCode(ir::ReduceKind kind, RegionCode src, RegionCode dst, int dim, bool clear,
                       SourceLoc loc) {
  if (dim != 0 && dim != 1)
    fail(loc, "reduce dimension must be 0 or 1 (got " + std::to_string(dim) + ")");
  return std::make_unique<ReduceCode>(kind, std::move(src), std::move(dst), dim, clear, loc);
}
StmtPtr makeMapCode(std::vector<int> axisSlots, RegionCode dst, ExprPtr value, SourceLoc loc) {
  return std::make_unique<MapCode>(std::move(axisSlots), std::move(dst), std::move(value), loc);
}

} // namespace tilec::interp::detail
