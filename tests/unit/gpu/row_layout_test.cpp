// The RowGroup layout with runs (Layout.cpp) on its own: every element of the tile in exactly
// one register of one thread, each run `vec` consecutive registers holding `vec` consecutive
// columns of one row (what a 16-byte vector access moves), runStart naming a run's first element,
// row registers and shuffles unchanged by runs, and rows the block does not cover (the tail of a
// tile whose rows do not divide) marked invalid. The Mma / Wgmma accumulators' runs of 2 too.
#include "GpuTestKernels.h"

#include "ir/Printer.h"

#include <set>

namespace tilec::gpu::test {
namespace {

// The value of an index expression over constants (the layout folds arithmetic; valid() compares).
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
  case BinaryOp::Lt: return x < y;
  case BinaryOp::And: return x && y;
  default: ADD_FAILURE() << "unexpected operator in " << printExpr(e); return -1;
  }
}

struct Shape {
  int64_t rows, cols;
  int threads, vec;
  int tpr; // expected threads per row
};

void PrintTo(const Shape &s, std::ostream *os) {
  *os << s.rows << "x" << s.cols << ", " << s.threads << " threads, runs of " << s.vec;
}

class RowLayoutTest : public ::testing::TestWithParam<Shape> {};

bool holds(const Layout &l, int t, int64_t reg) {
  Expr ok = l.valid(sx::i32(t), sx::i32(reg));
  return !ok || constant(ok) != 0;
}

TEST_P(RowLayoutTest, EveryElementInExactlyOneRegister) {
  Shape s = GetParam();
  LayoutPtr l = Layout::rowGroup(s.rows, s.cols, 2, s.threads, s.vec);
  EXPECT_EQ(l->tpr, s.tpr);
  EXPECT_EQ(l->runLength(), s.vec);
  std::set<std::pair<int64_t, int64_t>> seen;
  for (int t = 0; t < s.threads; ++t)
    for (int64_t r = 0; r < l->regs(); ++r) {
      if (!holds(*l, t, r))
        continue;
      std::vector<Expr> e = l->element(sx::i32(t), sx::i32(r));
      int64_t row = constant(e[0]), col = constant(e[1]);
      ASSERT_TRUE(row >= 0 && row < s.rows && col >= 0 && col < s.cols) << t << " " << r;
      EXPECT_TRUE(seen.insert({row, col}).second) << "(" << row << ", " << col << ") twice";
    }
  EXPECT_EQ(int64_t(seen.size()), s.rows * s.cols);
}

// Run q of a thread is registers q*vec .. q*vec+vec-1: one row, consecutive columns from a
// multiple of vec (an aligned vector), starting where runStart says; consecutive lanes of a row
// hold consecutive runs (a warp's vectors are contiguous: coalesced).
TEST_P(RowLayoutTest, RunsAreConsecutiveAlignedColumns) {
  Shape s = GetParam();
  LayoutPtr l = Layout::rowGroup(s.rows, s.cols, 2, s.threads, s.vec);
  ASSERT_EQ(l->regs() % s.vec, 0);
  for (int t = 0; t < s.threads; ++t)
    for (int64_t q = 0; q < l->regs() / s.vec; ++q) {
      std::vector<Expr> start = l->runStart(sx::i32(t), sx::i32(q));
      int64_t row = constant(start[0]), col = constant(start[1]);
      EXPECT_EQ(col % s.vec, 0);
      EXPECT_EQ(col / s.vec % l->tpr, t % l->tpr) << "lane " << t << " run " << q;
      for (int e = 0; e < s.vec; ++e) {
        std::vector<Expr> el = l->element(sx::i32(t), sx::i32(q * s.vec + e));
        EXPECT_EQ(constant(el[0]), row);
        EXPECT_EQ(constant(el[1]), col + e);
      }
    }
}

// Reductions read a row as row register a, slots b (regInRow); shuffles combine tpr lanes.
TEST_P(RowLayoutTest, RowRegistersMatchTheElements) {
  Shape s = GetParam();
  LayoutPtr l = Layout::rowGroup(s.rows, s.cols, 2, s.threads, s.vec);
  LayoutPtr rows = Layout::rowVector(l);
  for (int t = 0; t < s.threads; ++t)
    for (int64_t a = 0; a < l->rowRegs(); ++a) {
      int64_t row = constant(rows->element(sx::i32(t), sx::i32(a))[0]);
      for (int64_t b = 0; b < l->regsPerRow(); ++b) {
        int64_t reg = constant(l->regInRow(sx::i32(a), sx::i32(b)));
        EXPECT_EQ(constant(l->element(sx::i32(t), sx::i32(reg))[0]), row);
        EXPECT_EQ(constant(l->rowRegOf(sx::i32(reg))), a);
      }
    }
  std::vector<int> masks;
  for (int m = l->tpr / 2; m >= 1; m /= 2)
    masks.push_back(m);
  EXPECT_EQ(l->rowShuffleMasks(), masks);
}

INSTANTIATE_TEST_SUITE_P(Shapes, RowLayoutTest,
                         ::testing::Values(Shape{16, 128, 128, 4, 32},  // softmax: one 16-byte run per row and pass
                                           Shape{4, 256, 128, 4, 32},   // rms_norm: two runs per row
                                           Shape{8, 128, 256, 8, 16},   // fp16 runs of 8
                                           Shape{1, 96, 128, 4, 8},     // 24 runs a row: 8 lanes
                                           Shape{6, 64, 128, 2, 32},    // rows do not divide the block: invalid tail
                                           Shape{16, 128, 128, 1, 32},  // no runs: the old layout
                                           Shape{3, 100, 64, 4, 1}));   // 25 runs: one lane a row

// The tensor-core accumulators (Mma m16n8, Wgmma m64nN) have runs of 2: registers 2q and 2q+1
// hold adjacent columns of one row, so a nest they drive moves them as one vector (VectorNest).
TEST(RowLayout, AccumulatorRegisterPairsAreAdjacentColumns) {
  for (LayoutPtr l : {Layout::mma(64, 64, 2, 2, 128), Layout::wgmma(128, 64, 2, 1, 256)}) {
    ASSERT_EQ(l->runLength(), 2);
    for (int t = 0; t < l->threads; ++t)
      for (int64_t q = 0; q < l->regs() / 2; ++q) {
        std::vector<Expr> start = l->runStart(sx::i32(t), sx::i32(q));
        int64_t row = constant(start[0]), col = constant(start[1]);
        EXPECT_EQ(col % 2, 0);
        for (int e = 0; e < 2; ++e) {
          std::vector<Expr> el = l->element(sx::i32(t), sx::i32(q * 2 + e));
          EXPECT_EQ(constant(el[0]), row) << l->key() << " thread " << t << " run " << q;
          EXPECT_EQ(constant(el[1]), col + e) << l->key() << " thread " << t << " run " << q;
        }
      }
  }
  EXPECT_EQ(Layout::mfma(64, 64, 2, 2, 256)->runLength(), 1); // a lane holds one column of 4 rows
}

TEST(RowLayout, RunsOfOneKeepTheScalarMapping) {
  LayoutPtr l = Layout::rowGroup(16, 128, 2, 128), v = Layout::rowGroup(16, 128, 2, 128, 1);
  EXPECT_EQ(l->key(), v->key());
  for (int t : {0, 1, 31, 33, 127})
    for (int64_t r : {0, 1, 5, 15}) {
      std::vector<Expr> e = l->element(sx::i32(t), sx::i32(r));
      EXPECT_EQ(constant(e[1]), t % 32 + r % 4 * 32); // column tx % tpr + b * tpr
    }
}

TEST(RowLayout, RunsAreInTheKeyButNotTheRows) {
  LayoutPtr scalar = Layout::rowGroup(16, 128, 2, 128), runs = Layout::rowGroup(16, 128, 2, 128, 4);
  EXPECT_NE(scalar->key(), runs->key()); // different registers hold different elements
  EXPECT_EQ(scalar->rowKey(), runs->rowKey()); // the same rows: row vectors are shared
  EXPECT_NE(runs->describe().find("in runs of 4"), std::string::npos);
}

TEST(RowLayout, RunsMustDivideTheColumns) {
  EXPECT_THROW(Layout::rowGroup(16, 100, 2, 128, 8), std::logic_error);
  EXPECT_THROW(Layout::rowGroup(16, 1, 1, 128, 4), std::logic_error);
  EXPECT_THROW(Layout::rowGroup(16, 1, 1, 128)->runStart(sx::i32(0), sx::i32(0)), std::logic_error);
}

} // namespace
} // namespace tilec::gpu::test
