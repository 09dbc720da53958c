// T.gemm executed whole, rounding as the accumulator's dtype does.
#include "interp/ops/Regions.h"
#include "interp/Scalar.h"

namespace tilec::interp::detail {

namespace {

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

} // namespace

StmtPtr compileGemm(Compiler &c, const ir::Gemm &op) {
  return std::make_unique<GemmCode>(c.compileRegion(op.a, "gemm A", op.loc), c.compileRegion(op.b, "gemm B", op.loc),
                                    c.compileRegion(op.c, "gemm C", op.loc), op.transposeA, op.transposeB,
                                    op.clearAccum, op.loc);
}

} // namespace tilec::interp::detail
