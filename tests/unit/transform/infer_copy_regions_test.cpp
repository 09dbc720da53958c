#include "TestIR.h"
#include "transform/Passes.h"

#include <gtest/gtest.h>

using namespace tilec::testir;
using namespace tilec::transform;

namespace {

std::string inferred(PrimFunc f) {
  simplify(f);
  inferCopyRegions(f);
  return body(f);
}

std::string errorOf(PrimFunc f) {
  try {
    simplify(f);
    inferCopyRegions(f);
  } catch (const tilec::CompileError &e) {
    return e.message();
  }
  return "<no error>";
}

Stmt copy(Region s, Region d) { return std::make_shared<Copy>(std::move(s), std::move(d)); }

TEST(InferCopyRegions, StartOnlySourceTakesTheTileShape) {
  Var by = var("by"), k = var("k");
  Buffer A = buffer("A", {var("M"), var("K")}), As = tile("A_s", {32, 64});
  PrimFunc f = kernel({A}, {As},
                      copy(region(A, {mul(by, c(32)), mul(k, c(64))}), fullRegion(As)), {by, k});
  EXPECT_EQ(inferred(f), "copy(A[by * 32 +: 32, k * 64 +: 64] -> A_s[0 +: 32, 0 +: 64])\n");
}

TEST(InferCopyRegions, StartOnlyDestination) {
  Var bx = var("bx");
  Buffer Y = buffer("Y", {c(128), c(128)}), acc = tile("acc", {32, 32}, Scope::Fragment);
  PrimFunc f = kernel({Y}, {acc}, copy(fullRegion(acc), region(Y, {c(0), mul(bx, c(32))})), {bx});
  EXPECT_EQ(inferred(f), "copy(acc[0 +: 32, 0 +: 32] -> Y[0 +: 32, bx * 32 +: 32])\n");
}

TEST(InferCopyRegions, ExtraLeadingDimensionsGetExtentOne) {
  Var b = var("b");
  Buffer Q = buffer("Q", {c(8), c(4), c(64), c(32)}), qs = tile("q_s", {64, 32});
  PrimFunc f = kernel({Q}, {qs}, copy(region(Q, {b, c(1), c(0), c(0)}), fullRegion(qs)), {b});
  EXPECT_EQ(inferred(f), "copy(Q[b +: 1, 1 +: 1, 0 +: 64, 0 +: 32] -> q_s[0 +: 64, 0 +: 32])\n");
}

TEST(InferCopyRegions, OneDimensionalTileIntoRow) {
  Buffer B = buffer("B", {c(4), c(32)}), v = tile("v", {32}, Scope::Fragment);
  PrimFunc f = kernel({B}, {v}, copy(fullRegion(v), region(B, {c(2), c(0)})));
  EXPECT_EQ(inferred(f), "copy(v[0 +: 32] -> B[2 +: 1, 0 +: 32])\n");
}

TEST(InferCopyRegions, SlicesAreChecked) {
  Buffer A = buffer("A", {c(128), c(128)}), As = tile("A_s", {32, 32});
  PrimFunc f = kernel({A}, {As}, copy(region(A, {c(0), c(0)}, {c(32), c(64)}), fullRegion(As)));
  EXPECT_EQ(errorOf(f), "copy extents do not match: source A has (32, 64), destination A_s has "
                        "(32, 32); both sides must have the same non-unit extents in the same order");
}

TEST(InferCopyRegions, MatchingSliceIsKept) {
  Buffer A = buffer("A", {c(128), c(128)}), As = tile("A_s", {32, 32});
  PrimFunc f = kernel({A}, {As}, copy(region(A, {c(32), c(0)}, {sub(c(64), c(32)), c(32)}), fullRegion(As)));
  EXPECT_EQ(inferred(f), "copy(A[32 +: 32, 0 +: 32] -> A_s[0 +: 32, 0 +: 32])\n");
}

TEST(InferCopyRegions, TileLargerThanTargetRank) {
  Buffer B = buffer("B", {c(128)}), t = tile("t", {32, 32});
  PrimFunc f = kernel({B}, {t}, copy(fullRegion(t), region(B, {c(0)})));
  EXPECT_EQ(errorOf(f), "cannot copy a (32, 32) region of t into B, which has rank 1");
}

TEST(InferCopyRegions, BothSidesStartOnly) {
  Buffer A = buffer("A", {c(64)}), B = buffer("B", {c(64)});
  PrimFunc f = kernel({A, B}, {}, copy(region(A, {c(0)}), region(B, {c(0)})));
  EXPECT_EQ(errorOf(f), "cannot infer the extent of the copy: source A and destination B both give "
                        "only a start; give one side as a whole buffer or a slice (A[i0:i1, j0:j1])");
}

TEST(InferCopyRegions, WrongNumberOfStarts) {
  Buffer A = buffer("A", {c(64), c(64)}), t = tile("t", {32, 32});
  PrimFunc f = kernel({A}, {t}, copy(region(A, {c(0)}), fullRegion(t)));
  EXPECT_EQ(errorOf(f), "A has rank 2 but the region gives 1 index; give one start per dimension");
}

TEST(InferCopyRegions, GemmAndFillOperandsCoverTheRestOfTheBuffer) {
  Buffer a = tile("a", {32, 32}), b = tile("b", {32, 32}), cc = tile("c", {32, 32}, Scope::Fragment);
  Stmt g = std::make_shared<Gemm>(region(a, {c(0), c(0)}), region(b, {c(0), c(0)}),
                                  region(cc, {c(0), c(0)}), false, false);
  Stmt fl = std::make_shared<Fill>(region(cc, {c(16), c(0)}), f32(0.0));
  PrimFunc f = kernel({}, {a, b, cc}, seq({fl, g}));
  EXPECT_EQ(inferred(f), "fill(c[16 +: 16, 0 +: 32], 0.0)\n"
                         "gemm(a[0 +: 32, 0 +: 32], b[0 +: 32, 0 +: 32] -> c[0 +: 32, 0 +: 32])\n");
}

} // namespace
