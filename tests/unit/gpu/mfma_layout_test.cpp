// The Mfma accumulator layout (Layout.cpp) on its own: every element of C in exactly one register
// of one thread, rows of register reductions consistent with the elements, and the row vector's
// writer unique per row — the properties lowering and the reductions rely on.
#include "GpuTestKernels.h"

#include "ir/Printer.h"

#include <map>
#include <set>

namespace tilec::gpu::test {
namespace {

// The value of an index expression over constants (the layout folds arithmetic, not comparisons).
int64_t constant(const Expr &e) {
  if (std::optional<int64_t> v = asConstInt(fold(e)))
    return *v;
  auto *b = e->as<Binary>();
  if (!b) {
    ADD_FAILURE() << "not constant: " << printExpr(e);
    return -1;
  }
  int64_t x = constant(b->a), y = constant(b->b);
  switch (b->op) {
  case BinaryOp::Eq: return x == y;
  case BinaryOp::Lt: return x < y;
  case BinaryOp::And: return x && y;
  default: ADD_FAILURE() << "unexpected operator in " << printExpr(e); return -1;
  }
}

struct Shape {
  int64_t rows, cols;
  int warpsM, warpsN, threads;
};

void PrintTo(const Shape &s, std::ostream *os) {
  *os << s.rows << "x" << s.cols << ", " << s.warpsM << "x" << s.warpsN << " wavefronts, " << s.threads << " threads";
}

class MfmaLayoutTest : public ::testing::TestWithParam<Shape> {};

TEST_P(MfmaLayoutTest, EveryElementInExactlyOneRegister) {
  Shape s = GetParam();
  LayoutPtr l = Layout::mfma(s.rows, s.cols, s.warpsM, s.warpsN, s.threads);
  EXPECT_EQ(l->regs() * s.threads, s.rows * s.cols);
  std::set<std::pair<int64_t, int64_t>> seen;
  for (int t = 0; t < s.threads; ++t)
    for (int64_t r = 0; r < l->regs(); ++r) {
      std::vector<Expr> e = l->element(sx::i32(t), sx::i32(r));
      int64_t row = constant(e[0]), col = constant(e[1]);
      ASSERT_TRUE(row >= 0 && row < s.rows && col >= 0 && col < s.cols) << t << " " << r;
      EXPECT_TRUE(seen.insert({row, col}).second) << "(" << row << ", " << col << ") twice";
      // AMD's C/D layout: lane l of a wavefront holds column l % 16, rows 4 (l / 16) + r % 4.
      int lane = t % 64;
      EXPECT_EQ(col % 16, lane % 16);
      EXPECT_EQ(row % 16, 4 * (lane / 16) + r % 4);
    }
}

TEST_P(MfmaLayoutTest, RowRegistersMatchTheElements) {
  Shape s = GetParam();
  LayoutPtr l = Layout::mfma(s.rows, s.cols, s.warpsM, s.warpsN, s.threads);
  LayoutPtr rows = Layout::rowVector(l);
  EXPECT_EQ(l->rowRegs() * l->regsPerRow(), l->regs());
  for (int t = 0; t < s.threads; ++t) {
    std::set<int64_t> regs;
    for (int64_t a = 0; a < l->rowRegs(); ++a) {
      int64_t row = constant(rows->element(sx::i32(t), sx::i32(a))[0]);
      for (int64_t b = 0; b < l->regsPerRow(); ++b) {
        int64_t reg = constant(l->regInRow(sx::i32(a), sx::i32(b)));
        EXPECT_TRUE(regs.insert(reg).second);
        EXPECT_EQ(constant(l->element(sx::i32(t), sx::i32(reg))[0]), row);
        EXPECT_EQ(constant(l->rowRegOf(sx::i32(reg))), a);
      }
    }
    EXPECT_EQ(int64_t(regs.size()), l->regs());
  }
  // The 16 lanes that share a row are what the shuffles combine (xor 8, 4, 2, 1).
  EXPECT_EQ(l->rowShuffleMasks(), (std::vector<int>{8, 4, 2, 1}));
}

TEST_P(MfmaLayoutTest, OneWriterPerRowOfTheRowVector) {
  Shape s = GetParam();
  LayoutPtr rows = Layout::rowVector(Layout::mfma(s.rows, s.cols, s.warpsM, s.warpsN, s.threads));
  std::map<int64_t, int> writers;
  for (int t = 0; t < s.threads; ++t)
    if (constant(rows->primary(sx::i32(t))))
      for (int64_t a = 0; a < rows->regs(); ++a)
        ++writers[constant(rows->element(sx::i32(t), sx::i32(a))[0])];
  EXPECT_EQ(int64_t(writers.size()), s.rows);
  for (auto &[row, n] : writers)
    EXPECT_EQ(n, 1) << "row " << row;
}

INSTANTIATE_TEST_SUITE_P(Shapes, MfmaLayoutTest,
                         ::testing::Values(Shape{16, 16, 1, 1, 64}, Shape{64, 64, 2, 1, 128},
                                           Shape{128, 128, 1, 2, 128}, Shape{64, 128, 2, 2, 256}));

} // namespace
} // namespace tilec::gpu::test
