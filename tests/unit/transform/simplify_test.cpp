#include "TestIR.h"
#include "transform/Passes.h"

#include <gtest/gtest.h>

using namespace tilec::testir;
using tilec::transform::simplify;
using tilec::transform::simplifyExpr;

namespace {

std::string simp(const Expr &e) { return printExpr(simplifyExpr(e)); }

TEST(Simplify, FoldsIntegerArithmetic) {
  EXPECT_EQ(simp(add(c(2), mul(c(3), c(4)))), "14");
  EXPECT_EQ(simp(sub(c(2), c(5))), "-3");
  EXPECT_EQ(simp(bin(BinaryOp::Min, c(7), c(3))), "3");
  EXPECT_EQ(simp(bin(BinaryOp::Max, c(7), c(3))), "7");
  EXPECT_EQ(simp(bin(BinaryOp::Pow, c(2), c(10))), "1024");
}

TEST(Simplify, FloorDivisionHasPythonSemantics) {
  EXPECT_EQ(simp(fdiv(c(7), c(2))), "3");
  EXPECT_EQ(simp(fdiv(c(-7), c(2))), "-4");
  EXPECT_EQ(simp(fdiv(c(7), c(-2))), "-4");
  EXPECT_EQ(simp(fmod(c(-7), c(2))), "1");
  EXPECT_EQ(simp(fmod(c(7), c(-2))), "-1");
  EXPECT_EQ(simp(fmod(c(6), c(3))), "0");
}

TEST(Simplify, LeavesDivisionByZeroForTheVerifier) {
  EXPECT_EQ(simp(fdiv(c(7), c(0))), "7 // 0");
  EXPECT_EQ(simp(fmod(c(7), c(0))), "7 % 0");
}

TEST(Simplify, DoesNotFoldOverflow) {
  Expr big = c(INT64_MAX);
  EXPECT_EQ(simp(add(big, c(1))), "9223372036854775807 + 1");
  EXPECT_EQ(simp(mul(big, c(2))), "9223372036854775807 * 2");
}

TEST(Simplify, FoldsCeildivOnConstants) {
  // T.ceildiv(256, 32) spelled (a + b - 1) // b
  EXPECT_EQ(simp(fdiv(sub(add(c(256), c(32)), c(1)), c(32))), "8");
  EXPECT_EQ(simp(fdiv(sub(add(c(100), c(32)), c(1)), c(32))), "4");
  Var m = var("M");
  EXPECT_EQ(simp(fdiv(sub(add(m, c(32)), c(1)), c(32))), "(M + 31) // 32");
}

TEST(Simplify, FoldsFloatArithmeticAndComparisons) {
  EXPECT_EQ(simp(mul(f32(0.5), f32(4.0))), "2.0");
  EXPECT_EQ(simp(add(c(1), f32(0.5))), "1.5");
  EXPECT_EQ(simp(bin(BinaryOp::Lt, c(1), c(2))), "1");
  EXPECT_EQ(simp(bin(BinaryOp::Ge, f32(1.0), f32(2.0))), "0");
  EXPECT_EQ(simp(bin(BinaryOp::Div, c(1), c(4))), "0.25");
}

TEST(Simplify, Identities) {
  Var x = var("x");
  Var y = var("y", DType::Float32);
  EXPECT_EQ(simp(add(x, c(0))), "x");
  EXPECT_EQ(simp(add(c(0), x)), "x");
  EXPECT_EQ(simp(mul(x, c(1))), "x");
  EXPECT_EQ(simp(mul(x, c(0))), "0");
  EXPECT_EQ(simp(sub(x, x)), "0");
  EXPECT_EQ(simp(fdiv(x, c(1))), "x");
  EXPECT_EQ(simp(fmod(x, c(1))), "0");
  EXPECT_EQ(simp(mul(y, f32(1.0))), "y");
  // x * 0.0 is not 0 for floats (inf, nan): kept.
  EXPECT_EQ(simp(mul(y, f32(0.0))), "y * 0.0");
  // x + 0.0 for an int x changes the dtype: kept.
  EXPECT_EQ(simp(add(x, f32(0.0))), "x + 0.0");
}

TEST(Simplify, CanonicalLinearForm) {
  Var by = var("by"), i = var("i"), k = var("k");
  EXPECT_EQ(simp(add(mul(by, c(32)), i)), "by * 32 + i");
  EXPECT_EQ(simp(add(mul(c(32), by), i)), "by * 32 + i");
  EXPECT_EQ(simp(sub(mul(add(k, c(1)), c(32)), c(32))), "k * 32");
  EXPECT_EQ(simp(add(add(i, c(3)), add(by, c(-3)))), "i + by");
  EXPECT_EQ(simp(sub(c(5), i)), "5 - i");
  EXPECT_EQ(simp(sub(c(0), i)), "-i");
  EXPECT_EQ(simp(sub(add(i, c(2)), mul(by, c(4)))), "i - by * 4 + 2");
  EXPECT_EQ(simp(add(mul(i, by), mul(by, i))), "i * by + by * i");
}

TEST(Simplify, CanonicalFormIsAFixedPoint) {
  Var by = var("by"), i = var("i");
  Expr once = simplifyExpr(sub(add(mul(by, c(32)), i), c(7)));
  EXPECT_EQ(simplifyExpr(once), once); // no new nodes when nothing changes
}

TEST(Simplify, DividesExactMultiples) {
  Var i = var("i");
  EXPECT_EQ(simp(fdiv(add(mul(i, c(64)), c(32)), c(32))), "i * 2 + 1");
  EXPECT_EQ(simp(fmod(add(mul(i, c(64)), c(32)), c(32))), "0");
  EXPECT_EQ(simp(fdiv(add(i, c(32)), c(32))), "(i + 32) // 32");
}

TEST(Simplify, MinMaxAndComparisonsOfOffsets) {
  Var i = var("i");
  EXPECT_EQ(simp(bin(BinaryOp::Min, add(i, c(1)), i)), "i");
  EXPECT_EQ(simp(bin(BinaryOp::Max, add(i, c(1)), i)), "i + 1");
  EXPECT_EQ(simp(bin(BinaryOp::Lt, i, add(i, c(1)))), "1");
}

TEST(Simplify, CastsAndSelects) {
  Var i = var("i");
  EXPECT_EQ(simp(std::make_shared<Cast>(DType::Float32, c(3))), "3.0");
  EXPECT_EQ(simp(std::make_shared<Cast>(DType::Int32, f32(-2.7))), "-2");
  EXPECT_EQ(simp(std::make_shared<Cast>(DType::Int32, i)), "i");
  EXPECT_EQ(simp(std::make_shared<Select>(bin(BinaryOp::Lt, c(1), c(2)), i, c(0))), "i");
}

TEST(Simplify, UnitLoopsBecomeTheirBody) {
  Var i = var("i"), j = var("j");
  Buffer x = tile("x", {4, 4});
  PrimFunc f = kernel({}, {x}, loop(i, c(1), par(j, 4, st(x, {add(i, c(2)), j}, f32(1.0))), ForKind::Serial));
  simplify(f);
  EXPECT_EQ(body(f), "for j in parallel(4):\n  x[2, j] = 1.0\n");
}

TEST(Simplify, EmptyLoopsAndConstantIfsDisappear) {
  Var i = var("i");
  Buffer x = tile("x", {4});
  Stmt s = seq({loop(i, c(0), st(x, {i}, f32(1.0))),
                std::make_shared<If>(bin(BinaryOp::Gt, c(2), c(1)), st(x, {c(0)}, f32(2.0)),
                                     st(x, {c(0)}, f32(3.0)))});
  PrimFunc f = kernel({}, {x}, s);
  simplify(f);
  EXPECT_EQ(body(f), "x[0] = 2.0\n");
}

TEST(Simplify, InlinesPureLets) {
  Var by = var("by"), i = var("i"), row = var("row");
  Buffer a = buffer("A", {c(128)}), x = tile("x", {32});
  Stmt s = par(i, 32, std::make_shared<LetStmt>(row, add(mul(by, c(32)), i), st(x, {i}, ld(a, {row}))));
  PrimFunc f = kernel({a}, {x}, s, {by});
  simplify(f);
  EXPECT_EQ(body(f), "for i in parallel(32):\n  x[i] = A[by * 32 + i]\n");
}

TEST(Simplify, KeepsLetsThatRead) {
  Var v = var("v", DType::Float16);
  Buffer a = buffer("A", {c(4)}), x = tile("x", {4});
  Stmt s = std::make_shared<LetStmt>(v, ld(a, {c(0)}), st(x, {c(0)}, v));
  PrimFunc f = kernel({a}, {x}, s);
  simplify(f);
  EXPECT_EQ(body(f), "let v = A[0]\nx[0] = v\n");
}

TEST(Simplify, ShapesGridAndRegions) {
  Var m = var("M");
  Buffer a = buffer("A", {add(m, c(0)), mul(c(4), c(8))});
  Buffer t = tile("t", {32, 32});
  Stmt s = std::make_shared<Copy>(region(a, {add(c(0), c(0)), c(0)}, {sub(c(33), c(1)), c(32)}),
                                  region(t, {c(0), c(0)}, {c(32), c(32)}));
  PrimFunc f = kernel({a}, {t}, s);
  f.grid[0] = fdiv(sub(add(m, c(32)), c(1)), c(32));
  simplify(f);
  EXPECT_EQ(printExpr(f.params[0]->shape[0]), "M");
  EXPECT_EQ(printExpr(f.params[0]->shape[1]), "32");
  EXPECT_EQ(printExpr(f.grid[0]), "(M + 31) // 32");
  // The copy now refers to the rebuilt buffer (buffers are compared by identity).
  EXPECT_EQ(f.body->as<Copy>()->src.buffer, f.params[0]);
  EXPECT_EQ(body(f), "copy(A[0 +: 32, 0 +: 32] -> t[0 +: 32, 0 +: 32])\n");
}

} // namespace
