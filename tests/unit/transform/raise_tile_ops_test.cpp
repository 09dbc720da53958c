#include "SeedKernels.h"
#include "ir/Verifier.h"
#include "transform/Passes.h"

#include <gtest/gtest.h>

using namespace tilec::testir;
using namespace tilec::transform;

namespace {

// The common pipeline up to verification, as the driver runs it.
std::string raised(PrimFunc f) {
  simplify(f);
  inferCopyRegions(f);
  raiseTileOps(f);
  simplify(f);
  tilec::ir::verify(f);
  return body(f);
}


TEST(RaiseTileOps, SeedMatmul) {
  PrimFunc f = seedMatmul();
  EXPECT_EQ(raised(f),
            "fill(C_tile[0 +: 32, 0 +: 32], 0.0)\n"
            "for k in pipelined((K + 31) // 32, stages=0):\n"
            "  copy(A[by * 32 +: 32, k * 32 +: 32] -> A_tile[0 +: 32, 0 +: 32])\n"
            "  copy(B[k * 32 +: 32, bx * 32 +: 32] -> B_tile[0 +: 32, 0 +: 32])\n"
            "  gemm(A_tile[0 +: 32, 0 +: 32], B_tile[0 +: 32, 0 +: 32] -> C_tile[0 +: 32, 0 +: 32])\n"
            "copy(C_tile[0 +: 32, 0 +: 32] -> C[by * 32 +: 32, bx * 32 +: 32])\n");
}

TEST(RaiseTileOps, SeedElementwiseAdd) {
  PrimFunc f = seedElementwiseAdd();
  EXPECT_EQ(raised(f), "map(i, j) C[by * 32 +: 32, bx * 32 +: 32] = A[by * 32 + i, bx * 32 + j] + "
                       "B[by * 32 + i, bx * 32 + j]\n");
}

TEST(RaiseTileOps, SeedReduceSum) {
  PrimFunc f = seedReduceSum();
  EXPECT_EQ(raised(f), "fill(partial_sum[0 +: 32], 0.0)\n"
                       "reduce_sum(A[bx * 32 +: 32, 0 +: N] -> partial_sum[0 +: 32], dim=1, accumulate)\n"
                       "copy(partial_sum[0 +: 32] -> B[bx * 32 +: 32])\n");
}

TEST(RaiseTileOps, SeedSharedMemory) {
  PrimFunc f = seedSharedMemory();
  EXPECT_EQ(raised(f), "copy(global_mem[by * 32 +: 32, bx * 32 +: 32] -> shared_tile[0 +: 32, 0 +: 32])\n"
                       "sync_threads()\n"
                       "map(i, j) out[by * 32 +: 32, bx * 32 +: 32] = shared_tile[i, j] * 2.0\n");
}

TEST(RaiseTileOps, GemmTransposesAndOperandOrder) {
  Var i = var("i"), j = var("j"), k = var("k");
  Buffer A = tile("As", {16, 64}), B = tile("Bs", {32, 16}, Scope::Fragment);
  Buffer C = tile("Cf", {64, 32}, Scope::Fragment, DType::Float32);
  // C[i, j] = (B[j, k] * A[k, i]) + C[i, j]: A transposed, B transposed, operands swapped.
  Stmt s = par(i, 64, par(j, 32, loop(k, c(16), st(C, {i, j}, add(mul(ld(B, {j, k}), ld(A, {k, i})),
                                                                   ld(C, {i, j}))),
                                      ForKind::Serial)));
  PrimFunc f = kernel({}, {A, B, C}, s);
  EXPECT_EQ(raised(f), "gemm(As[0 +: 16, 0 +: 64], Bs[0 +: 32, 0 +: 16] -> Cf[0 +: 64, 0 +: 32], "
                       "transpose_A, transpose_B)\n");
}

TEST(RaiseTileOps, GemmFromGlobalOperandsStaysScalar) {
  // T.gemm needs shared/fragment operands: raising a global A would make a valid kernel invalid.
  Var i = var("i"), j = var("j"), k = var("k");
  Buffer A = buffer("A", {c(32), c(32)}), B = tile("Bs", {32, 32});
  Buffer C = tile("Cf", {32, 32}, Scope::Fragment, DType::Float32);
  Stmt s = par(i, 32, par(j, 32, par(k, 32, accumulate(C, {i, j}, ld(A, {i, k}), ld(B, {k, j})))));
  PrimFunc f = kernel({A}, {B, C}, s);
  EXPECT_EQ(raised(f), printStmt(s));
}

TEST(RaiseTileOps, MapBroadcastsAndInPlaceUpdate) {
  Var i = var("i"), j = var("j");
  Buffer x = tile("x", {16, 8}, Scope::Fragment, DType::Float32);
  Buffer row = tile("rowmax", {16}, Scope::Fragment, DType::Float32);
  Buffer col = tile("bias", {8}, Scope::Shared, DType::Float32);
  Var scale = var("scale", DType::Float32);
  Expr v = mul(sub(ld(x, {i, j}), add(ld(row, {i}), ld(col, {j}))), scale);
  PrimFunc f = kernel({}, {x, row, col}, par2(i, j, 16, 8, st(x, {i, j}, v)));
  EXPECT_EQ(raised(f), "map(i, j) x[0 +: 16, 0 +: 8] = (x[i, j] - (rowmax[i] + bias[j])) * scale\n");
}

TEST(RaiseTileOps, MapWithMaxAgainstConstant) {
  Var i = var("i"), j = var("j");
  Buffer x = tile("acc", {16, 16}, Scope::Fragment, DType::Float32);
  PrimFunc f = kernel({}, {x}, par2(i, j, 16, 16, st(x, {i, j}, bin(BinaryOp::Max, ld(x, {i, j}), c(0)))));
  EXPECT_EQ(raised(f), "map(i, j) acc[0 +: 16, 0 +: 16] = max(acc[i, j], 0)\n");
}

TEST(RaiseTileOps, CrossElementReadOfDstStaysScalar) {
  Var i = var("i"), j = var("j");
  Buffer x = tile("x", {16, 16});
  Stmt s = par2(i, j, 15, 16, st(x, {i, j}, ld(x, {add(i, c(1)), j})));
  PrimFunc f = kernel({}, {x}, s);
  EXPECT_EQ(raised(f), printStmt(s));
}

TEST(RaiseTileOps, LoopVariableOutsideIndicesStaysScalar) {
  Var i = var("i");
  Buffer x = tile("x", {16}, Scope::Fragment, DType::Int32);
  Stmt s = par(i, 16, st(x, {i}, mul(i, c(2))));
  PrimFunc f = kernel({}, {x}, s);
  EXPECT_EQ(raised(f), printStmt(s));
}

TEST(RaiseTileOps, TransposedCopyIsAMapNotACopy) {
  // Copy regions have the same dimension order; a transposing nest is still element-wise.
  Var i = var("i"), j = var("j");
  Buffer s = tile("s", {16, 8}), d = tile("d", {8, 16});
  PrimFunc f = kernel({}, {s, d}, par2(i, j, 8, 16, st(d, {i, j}, ld(s, {j, i}))));
  EXPECT_EQ(raised(f), "map(i, j) d[0 +: 8, 0 +: 16] = s[j, i]\n");
}

TEST(RaiseTileOps, CopyWithCastAndUnitDimension) {
  Var i = var("i"), j = var("j"), bz = var("bz");
  Buffer g = buffer("G", {c(4), c(64), c(64)}, DType::Float16);
  Buffer t = tile("t", {32, 32}, Scope::Fragment, DType::Float32);
  PrimFunc f = kernel({g}, {t},
                      par2(i, j, 32, 32, st(t, {i, j}, std::make_shared<Cast>(DType::Float32,
                                                                              ld(g, {bz, i, add(j, c(32))})))),
                      {bz});
  EXPECT_EQ(raised(f), "copy(G[bz +: 1, 0 +: 32, 32 +: 32] -> t[0 +: 32, 0 +: 32])\n");
}

TEST(RaiseTileOps, NarrowingCastIsNotACopy) {
  Var i = var("i");
  Buffer s = tile("s", {32}, Scope::Shared, DType::Float32), d = tile("d", {32}, Scope::Shared, DType::Float32);
  Stmt body = par(i, 32, st(d, {i}, std::make_shared<Cast>(DType::Int32, ld(s, {i}))));
  PrimFunc f = kernel({}, {s, d}, body);
  EXPECT_EQ(raised(f), "map(i) d[0 +: 32] = cast<int32>(s[i])\n");
}

TEST(RaiseTileOps, FillWithInvariantScalar) {
  Var i = var("i"), j = var("j"), bx = var("bx");
  Buffer x = tile("x", {8, 8}, Scope::Fragment, DType::Float32);
  PrimFunc f = kernel({}, {x}, par2(i, j, 8, 8, st(x, {i, j}, std::make_shared<Cast>(DType::Float32, bx))), {bx});
  EXPECT_EQ(raised(f), "fill(x[0 +: 8, 0 +: 8], cast<float32>(bx))\n");
}

TEST(RaiseTileOps, ReduceMaxAndAbsSum) {
  Var i = var("i"), j = var("j"), i2 = var("i"), j2 = var("j");
  Buffer s = tile("s", {16, 64}, Scope::Fragment, DType::Float32);
  Buffer mx = tile("mx", {16}, Scope::Fragment, DType::Float32);
  Buffer sm = tile("sm", {64}, Scope::Fragment, DType::Float32);
  Stmt body = seq({
      loop(j, c(64), par(i, 16, st(mx, {i}, bin(BinaryOp::Max, ld(mx, {i}), ld(s, {i, j})))),
           ForKind::Serial),
      // Column sums of |s|: the reduced loop is the outer one over rows.
      loop(i2, c(16), par(j2, 64, st(sm, {j2}, add(std::make_shared<Call>("abs", std::vector<Expr>{ld(s, {i2, j2})},
                                                                          DType::Float32),
                                                     ld(sm, {j2})))),
           ForKind::Serial),
  });
  PrimFunc f = kernel({}, {s, mx, sm}, body);
  EXPECT_EQ(raised(f), "reduce_max(s[0 +: 16, 0 +: 64] -> mx[0 +: 16], dim=1, accumulate)\n"
                       "reduce_abssum(s[0 +: 16, 0 +: 64] -> sm[0 +: 64], dim=0, accumulate)\n");
}

TEST(RaiseTileOps, ReduceOverNonTrailingDimensionsGoesThroughAMap) {
  // s[i, 0, j]: the tile op's 2-D view would not be s's trailing dimensions, so the reduce cannot
  // read s in place; the values are gathered into an (i, j) tile first.
  Var i = var("i"), j = var("j");
  Buffer s = tile("s", {16, 2, 64}, Scope::Fragment, DType::Float32);
  Buffer mx = tile("mx", {16}, Scope::Fragment, DType::Float32);
  Stmt body = loop(j, c(64), par(i, 16, st(mx, {i}, add(ld(mx, {i}), ld(s, {i, c(0), j})))), ForKind::Serial);
  PrimFunc f = kernel({}, {s, mx}, body);
  EXPECT_EQ(raised(f), "map(i, j) mx_terms[0 +: 16, 0 +: 64] = s[i, 0, j]\n"
                       "reduce_sum(mx_terms[0 +: 16, 0 +: 64] -> mx[0 +: 16], dim=1, accumulate)\n");
}

TEST(RaiseTileOps, FissionKeepsDependentStatementsTogether) {
  // y reads x at a different element than the one x's statement writes: no split.
  Var i = var("i");
  Buffer x = tile("x", {32}), y = tile("y", {32}), a = tile("a", {32});
  Stmt s = par(i, 31, seq({st(x, {i}, ld(a, {i})), st(y, {i}, ld(x, {add(i, c(1))}))}));
  PrimFunc f = kernel({}, {x, y, a}, s);
  EXPECT_EQ(raised(f), printStmt(s));
}

TEST(RaiseTileOps, FissionOfSameElementChain) {
  Var i = var("i");
  Buffer x = tile("x", {32}), y = tile("y", {32}), a = tile("a", {32});
  Stmt s = par(i, 32, seq({st(x, {i}, ld(a, {i})), st(y, {i}, add(ld(x, {i}), f32(1.0)))}));
  PrimFunc f = kernel({}, {x, y, a}, s);
  EXPECT_EQ(raised(f), "copy(a[0 +: 32] -> x[0 +: 32])\nmap(i) y[0 +: 32] = x[i] + 1.0\n");
  // The second piece binds a fresh variable: sibling loops never share a variable node.
  raiseTileOps(f);
  auto *pieces = f.body->as<Seq>();
  ASSERT_NE(pieces, nullptr);
  ASSERT_EQ(pieces->stmts.size(), 2u);
  EXPECT_NE(pieces->stmts[1]->as<Map>()->axes[0], i);
}

TEST(RaiseTileOps, SerialElementwiseLoopStaysSerial) {
  Var i = var("i");
  Buffer x = tile("x", {32});
  Stmt s = loop(i, c(32), st(x, {i}, f32(0.0)), ForKind::Serial);
  PrimFunc f = kernel({}, {x}, s);
  EXPECT_EQ(raised(f), printStmt(s));
}

TEST(RaiseTileOps, NonZeroLoopStartStaysScalar) {
  Var i = var("i");
  Buffer x = tile("x", {32});
  Stmt s = std::make_shared<For>(i, c(1), c(31), ForKind::Parallel, st(x, {i}, f32(0.0)));
  PrimFunc f = kernel({}, {x}, s);
  EXPECT_EQ(raised(f), printStmt(s));
}


TEST(RaiseTileOps, SeesThroughIndexLets) {
  // row = by * 32 + i; x[i] = A[row]: the let is inlined by simplify, then the nest is a copy.
  Var by = var("by"), i = var("i"), row = var("row");
  Buffer A = buffer("A", {c(128)}), x = tile("x", {32});
  Stmt s = par(i, 32, std::make_shared<LetStmt>(row, add(mul(by, c(32)), i), st(x, {i}, ld(A, {row}))));
  EXPECT_EQ(raised(kernel({A}, {x}, s, {by})), "copy(A[by * 32 +: 32] -> x[0 +: 32])\n");
}

TEST(RaiseTileOps, PartialFissionKeepsUnraisedPiecesAsLoops) {
  Var i = var("i");
  Buffer x = tile("x", {32}, Scope::Fragment, DType::Int32), y = tile("y", {32}, Scope::Fragment, DType::Int32);
  Buffer a = tile("a", {32}, Scope::Fragment, DType::Int32);
  Stmt s = par(i, 32, seq({st(x, {i}, ld(a, {i})), st(y, {i}, mul(i, c(3)))}));
  EXPECT_EQ(raised(kernel({}, {x, y, a}, s)), "copy(a[0 +: 32] -> x[0 +: 32])\nfor i in parallel(32):\n  y[i] = i * 3\n");
}

TEST(RaiseTileOps, GatherStaysScalar) {
  Var i = var("i");
  Buffer x = tile("x", {32}), a = tile("a", {64}), idx = tile("idx", {32}, Scope::Fragment, DType::Int32);
  Stmt s = par(i, 32, st(x, {i}, ld(a, {ld(idx, {i})})));
  EXPECT_EQ(raised(kernel({}, {x, a, idx}, s)), printStmt(s));
}

TEST(RaiseTileOps, StridedIndexStaysScalar) {
  Var i = var("i");
  Buffer x = tile("x", {32}), a = tile("a", {64});
  Stmt s = par(i, 32, st(x, {i}, ld(a, {mul(i, c(2))})));
  EXPECT_EQ(raised(kernel({}, {x, a}, s)), printStmt(s));
}

TEST(RaiseTileOps, RaisesInsideOuterLoops) {
  Var t = var("t"), i = var("i");
  Buffer G = buffer("G", {c(4), c(32)}), x = tile("x", {32}, Scope::Fragment, DType::Float32);
  Stmt s = loop(t, c(4), par(i, 32, st(x, {i}, mul(ld(x, {i}), ld(G, {t, i})))), ForKind::Serial);
  EXPECT_EQ(raised(kernel({G}, {x}, s)), "for t in serial(4):\n  map(i) x[0 +: 32] = x[i] * G[t, i]\n");
  // The same loop accumulating with + is a column reduction.
  Stmt r = loop(t, c(4), par(i, 32, st(x, {i}, add(ld(x, {i}), ld(G, {t, i})))), ForKind::Serial);
  EXPECT_EQ(raised(kernel({G}, {x}, r)), "reduce_sum(G[0 +: 4, 0 +: 32] -> x[0 +: 32], dim=0, accumulate)\n");
}

} // namespace
