// The verifier (ir/Verifier.cpp) on hand-built kernels: one test per rule, checking the message.
#include "TestIR.h"
#include "ir/Verifier.h"

#include <gtest/gtest.h>

using namespace tilec::testir;

namespace {

std::string errorOf(const PrimFunc &f) {
  try {
    tilec::ir::verify(f);
  } catch (const tilec::CompileError &e) {
    return e.message();
  }
  return "<no error>";
}

Stmt gemm(const Buffer &a, const Buffer &b, const Buffer &cc, bool ta = false, bool tb = false) {
  return std::make_shared<Gemm>(fullRegion(a), fullRegion(b), fullRegion(cc), ta, tb);
}

TEST(Verify, AcceptsAWellFormedKernel) {
  Var i = var("i"), j = var("j"), bx = var("bx");
  Buffer A = buffer("A", {var("M"), c(32)}), s = tile("s", {32, 32});
  Stmt body = par2(i, j, 32, 32, st(s, {i, j}, ld(A, {add(mul(bx, c(32)), i), j})));
  EXPECT_EQ(errorOf(kernel({A}, {s}, body, {bx})), "<no error>");
}

TEST(Verify, ArithmeticOnBool) {
  Var i = var("i");
  Buffer x = tile("x", {4}, Scope::Local, DType::Int32);
  Expr cond = bin(BinaryOp::Lt, i, c(2));
  PrimFunc f = kernel({}, {x}, par(i, 4, st(x, {i}, add(cond, c(1)))));
  EXPECT_EQ(errorOf(f), "arithmetic '+' on a bool value in `(i < 2) + 1`; bool values combine only "
                        "with and/or/not (use T.cast to get a number)");
}

TEST(Verify, FloatIndex) {
  Var i = var("i");
  Buffer x = tile("x", {4});
  PrimFunc f = kernel({}, {x}, par(i, 4, st(x, {mul(i, f32(0.5))}, f32(1.0))));
  EXPECT_EQ(errorOf(f), "index 0 of x must be an integer expression, got float32 `i * 0.5`; use // "
                        "for integer division or T.cast(x, \"int32\")");
}

TEST(Verify, RankOfLoadAndStore) {
  Buffer x = tile("x", {4, 4});
  PrimFunc f = kernel({}, {x}, st(x, {c(0)}, f32(1.0)));
  EXPECT_EQ(errorOf(f), "x has rank 2 but is indexed with 1 index; give one index per dimension");
  PrimFunc g = kernel({}, {x}, st(x, {c(0), c(0)}, ld(x, {c(0), c(0), c(0)})));
  EXPECT_EQ(errorOf(g), "x has rank 2 but is indexed with 3 indices; give one index per dimension");
}

TEST(Verify, TileShapeMustBeStatic) {
  Buffer t = buffer("t", {var("bm"), c(32)}, DType::Float16, Scope::Shared);
  PrimFunc f = kernel({}, {t}, seq({}));
  EXPECT_EQ(errorOf(f), "tile shape must be static: t is (bm, 32) and `bm` is only known at run "
                        "time; shared tiles need constant sizes (bind it with -D or --call)");
}

TEST(Verify, NonPositiveTileShape) {
  PrimFunc f = kernel({}, {tile("t", {0, 32})}, seq({}));
  EXPECT_EQ(errorOf(f), "dimension 0 of t must be positive, got 0");
}

TEST(Verify, ConstantIndexOutOfBounds) {
  Buffer x = tile("x", {32});
  PrimFunc f = kernel({}, {x}, st(x, {c(32)}, f32(1.0)));
  EXPECT_EQ(errorOf(f), "index 32 is out of bounds for dimension 0 of x (extent 32, valid indices 0..31)");
  Buffer g = buffer("G", {c(8)});
  PrimFunc h = kernel({g}, {}, st(g, {c(-1)}, f32(1.0)));
  EXPECT_EQ(errorOf(h), "index -1 is out of bounds for dimension 0 of G (extent 8, valid indices 0..7)");
}

TEST(Verify, LoopIndexOutOfTileBounds) {
  Var i = var("i");
  Buffer x = tile("x", {32});
  PrimFunc f = kernel({}, {x}, par(i, 32, st(x, {add(i, c(1))}, f32(1.0))));
  EXPECT_EQ(errorOf(f), "index `i + 1` reaches 32, which is out of bounds for dimension 0 of x "
                        "(extent 32, valid indices 0..31)");
}

TEST(Verify, GuardedAndGlobalAccessesAreNotRangeChecked) {
  Var i = var("i");
  Buffer x = tile("x", {32}), g = buffer("G", {c(32)});
  Stmt guarded = par(i, 33, std::make_shared<If>(bin(BinaryOp::Lt, i, c(32)), st(x, {i}, f32(1.0)), nullptr));
  EXPECT_EQ(errorOf(kernel({}, {x}, guarded)), "<no error>");
  Var j = var("j");
  EXPECT_EQ(errorOf(kernel({g}, {}, par(j, 64, st(g, {j}, f32(1.0))))), "<no error>");
}

TEST(Verify, RegionOutOfTileBounds) {
  Buffer a = buffer("A", {c(128), c(128)}), t = tile("t", {32, 32});
  Stmt s = std::make_shared<Copy>(region(a, {c(0), c(0)}, {c(32), c(32)}),
                                  region(t, {c(16), c(0)}, {c(32), c(32)}));
  EXPECT_EQ(errorOf(kernel({a}, {t}, s)),
            "the copy destination region t[16 +: 32, 0 +: 32] is out of bounds in dimension 0: it "
            "covers [16, 48) but t has extent 32");
}

TEST(Verify, RegionExtentPositive) {
  Buffer t = tile("t", {32});
  Stmt s = std::make_shared<Fill>(region(t, {c(0)}, {c(0)}), f32(0.0));
  EXPECT_EQ(errorOf(kernel({}, {t}, s)),
            "the fill destination region t[0 +: 0] has extent 0 in dimension 0; region extents must be positive");
}

TEST(Verify, RegionWithoutExtents) {
  Buffer a = buffer("A", {c(64)}), t = tile("t", {32});
  Stmt s = std::make_shared<Copy>(region(a, {c(0)}), fullRegion(t));
  EXPECT_EQ(errorOf(kernel({a}, {t}, s)),
            "the copy source region A[0] has no extent; give a slice (A[i0:i1, j0:j1]) or a whole buffer");
}

TEST(Verify, CopyExtentsMismatch) {
  Buffer a = tile("a", {32, 64}), t = tile("t", {32, 32});
  Stmt s = std::make_shared<Copy>(fullRegion(a), fullRegion(t));
  EXPECT_EQ(errorOf(kernel({}, {a, t}, s)),
            "copy extents do not match: source a has (32, 64), destination t has (32, 32); both "
            "sides must have the same non-unit extents in the same order");
}

TEST(Verify, GemmKMismatch) {
  Buffer a = tile("A_s", {64, 32}), b = tile("B_s", {64, 64}), cc = tile("C_f", {64, 64}, Scope::Fragment);
  EXPECT_EQ(errorOf(kernel({}, {a, b, cc}, gemm(a, b, cc))),
            "gemm K mismatch: A is (64, 32) but B is (64, 64); gemm computes C[M, N] += A[M, K] @ B[K, N]");
}

TEST(Verify, GemmTransposesAreHonoured) {
  Buffer a = tile("A_s", {32, 64}), b = tile("B_s", {16, 32}), cc = tile("C_f", {64, 16}, Scope::Fragment);
  EXPECT_EQ(errorOf(kernel({}, {a, b, cc}, gemm(a, b, cc, true, true))), "<no error>");
  EXPECT_EQ(errorOf(kernel({}, {a, b, cc}, gemm(a, b, cc, true, false))),
            "gemm K mismatch: A is (32, 64) but B is (16, 32) (A transposed); gemm computes "
            "C[M, N] += A[M, K] @ B[K, N]");
}

TEST(Verify, GemmMAndNMismatch) {
  Buffer a = tile("A_s", {64, 32}), b = tile("B_s", {32, 16});
  Buffer c1 = tile("C_f", {32, 16}, Scope::Fragment), c2 = tile("C_g", {64, 32}, Scope::Fragment);
  EXPECT_EQ(errorOf(kernel({}, {a, b, c1}, gemm(a, b, c1))),
            "gemm M mismatch: A is (64, 32) but C is (32, 16); gemm computes C[M, N] += A[M, K] @ B[K, N]");
  EXPECT_EQ(errorOf(kernel({}, {a, b, c2}, gemm(a, b, c2))),
            "gemm N mismatch: B is (32, 16) but C is (64, 32); gemm computes C[M, N] += A[M, K] @ B[K, N]");
}

TEST(Verify, GemmScopes) {
  Buffer g = buffer("A", {c(32), c(32)}), b = tile("B_s", {32, 32});
  Buffer cf = tile("C_f", {32, 32}, Scope::Fragment), cs = tile("C_s", {32, 32}, Scope::Shared);
  EXPECT_EQ(errorOf(kernel({g}, {b, cf}, gemm(g, b, cf))),
            "gemm operand A (A) is a global buffer; gemm reads shared or fragment tiles (T.copy it "
            "into a T.alloc_shared tile first)");
  EXPECT_EQ(errorOf(kernel({}, {b, cs}, gemm(b, b, cs))),
            "gemm accumulator C (C_s) is a shared buffer; gemm accumulates into a T.alloc_fragment "
            "or T.alloc_local tile");
}

TEST(Verify, GemmOperandsAre2D) {
  Buffer a = tile("a", {2, 32, 32}), b = tile("b", {32, 32}), cc = tile("c", {32, 32}, Scope::Fragment);
  EXPECT_EQ(errorOf(kernel({}, {a, b, cc}, gemm(a, b, cc))),
            "gemm operand A (a) is (2, 32, 32); gemm operands must be 2-D tiles");
}

TEST(Verify, ReduceShapes) {
  Buffer s = tile("s", {16, 64}, Scope::Fragment), d = tile("d", {64}, Scope::Fragment);
  Stmt r = std::make_shared<Reduce>(ReduceKind::Sum, fullRegion(s), fullRegion(d), 1, true);
  EXPECT_EQ(errorOf(kernel({}, {s, d}, r)),
            "reduce shapes do not match: reducing s (16, 64) along dim 1 gives (16) but destination d is (64)");
  Stmt ok = std::make_shared<Reduce>(ReduceKind::Sum, fullRegion(s), fullRegion(d), 0, true);
  EXPECT_EQ(errorOf(kernel({}, {s, d}, ok)), "<no error>");
}

TEST(Verify, DivisionByZero) {
  Var i = var("i");
  Buffer x = tile("x", {4}, Scope::Local, DType::Int32);
  PrimFunc f = kernel({}, {x}, par(i, 4, st(x, {i}, fdiv(i, c(0)))));
  EXPECT_EQ(errorOf(f), "division by zero in `i // 0`");
}

TEST(Verify, MapAxesIndexTheirBox) {
  Var i = var("i");
  Buffer x = tile("x", {32}, Scope::Fragment), y = tile("y", {16}, Scope::Fragment);
  Stmt m = std::make_shared<Map>(std::vector<Var>{i}, fullRegion(x), ld(y, {i}));
  EXPECT_EQ(errorOf(kernel({}, {x, y}, m)),
            "index `i` reaches 31, which is out of bounds for dimension 0 of y (extent 16, valid indices 0..15)");
}

} // namespace
