// IndexRanges: the interval arithmetic that lets the data-movement lowering drop bounds tests it
// can prove, and keeps every test it cannot.
#include "target/tt/IndexRanges.h"

#include <gtest/gtest.h>

namespace tilec::tt {
namespace {

using namespace ir;

TEST(TTIndexRanges, AffineIndexOfBoundVariables) {
  Var by = var("by"), k = var("k");
  IndexRanges r;
  r.bind(by.get(), {0, 2});
  r.bind(k.get(), {0, 3});
  auto range = r.of(add(mul(by, intImm(4)), mul(k, intImm(2))));
  ASSERT_TRUE(range);
  EXPECT_EQ(range->lo, 0);
  EXPECT_EQ(range->hi, 14);
}

TEST(TTIndexRanges, CancellingTermsAreExact) {
  Var by = var("by"), i = var("i");
  IndexRanges r;
  r.bind(by.get(), {0, 1000});
  r.bind(i.get(), {0, 31});
  auto range = r.of(sub(add(mul(by, intImm(64)), i), mul(by, intImm(64))));
  ASSERT_TRUE(range);
  EXPECT_EQ(range->lo, 0);
  EXPECT_EQ(range->hi, 31);
}

TEST(TTIndexRanges, FloorDivAndModByConstants) {
  Var x = var("x");
  IndexRanges r;
  r.bind(x.get(), {0, 100});
  auto q = r.of(binary(BinaryOp::FloorDiv, x, intImm(32)));
  ASSERT_TRUE(q);
  EXPECT_EQ(q->hi, 3);
  auto m = r.of(binary(BinaryOp::FloorMod, x, intImm(8)));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->lo, 0);
  EXPECT_EQ(m->hi, 7);
}

TEST(TTIndexRanges, UnknownWhenAnythingIsUnbound) {
  Var by = var("by"), n = var("N");
  IndexRanges r;
  r.bind(by.get(), {0, 3});
  EXPECT_FALSE(r.of(add(by, n)));
  EXPECT_FALSE(r.of(binary(BinaryOp::FloorDiv, by, n))); // a symbolic divisor
  r.unbind(by.get());
  EXPECT_FALSE(r.of(by));
}

} // namespace
} // namespace tilec::tt
