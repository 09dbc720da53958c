// Tile ops executed whole, checked against direct C++ formulas, and against the same kernel with
// its tile ops expanded to scalar loops (expandTileOps), which must agree bit for bit.
#include "KernelBuilder.h"

#include "ir/DType.h"
#include "ir/Functor.h"

#include <cmath>

using namespace tilec;
using namespace tilec::testing;
using tilec::interp::Tensor;

namespace {

double f32(double v) { return roundToDType(v, DType::Float32); }

void expectSameData(const Tensor &a, const Tensor &b) {
  ASSERT_EQ(a.shape, b.shape);
  for (size_t i = 0; i < a.data.size(); ++i)
    ASSERT_EQ(a.data[i], b.data[i]) << "element " << i;
}

// C[i, j] = sum_k opA(i, k) * opB(k, j), accumulated in fp32 in k order (the tile op's contract).
std::vector<double> referenceGemm(const Tensor &a, const Tensor &b, bool ta, bool tb, int64_t m,
                                  int64_t n, int64_t k) {
  std::vector<double> c(static_cast<size_t>(m * n), 0.0);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double acc = 0;
      for (int64_t kk = 0; kk < k; ++kk) {
        double x = ta ? at(a, kk, i) : at(a, i, kk), y = tb ? at(b, j, kk) : at(b, kk, j);
        acc = f32(acc + f32(x * y));
      }
      c[i * n + j] = acc;
    }
  return c;
}

} // namespace

TEST(TileOps, CopyTilesAcrossA2x2Grid) {
  Buffer a = buffer("A", {128, 128}), b = buffer("B", {128, 128}, DType::Float16);
  Buffer tile = buffer("A_s", {64, 64}, DType::Float32, Scope::Shared);
  Var bx = var("bx"), by = var("by");
  Expr row = mul(by, intImm(64)), col = mul(bx, intImm(64));
  Stmt body = seq({std::make_shared<Copy>(region(a, {row, col}, {64, 64}), fullRegion(tile)),
                   std::make_shared<Copy>(fullRegion(tile), region(b, {row, col}, {64, 64}))});
  PrimFunc f = kernel({a, b}, {tile}, body, {2, 2}, {bx, by});
  EXPECT_EQ(interp::outputParams(f), std::vector<int>{1});

  BothPaths r = runBothPaths(f, 7);
  for (size_t i = 0; i < r.inputs[0].data.size(); ++i) // every element copied, cast to fp16
    ASSERT_EQ(r.tiled[1].data[i], roundToDType(r.inputs[0].data[i], DType::Float16)) << i;
  expectSameData(r.tiled[1], r.expanded[1]);
}

TEST(TileOps, CopyDropsUnitDimensionsOfA3DRegion) {
  Buffer x = buffer("X", {3, 16, 8}), y = buffer("Y", {16, 8});
  PrimFunc f = kernel({x, y}, {}, std::make_shared<Copy>(region(x, {intImm(2), intImm(0), intImm(0)}, {1, 16, 8}),
                                                         fullRegion(y)));
  BothPaths r = runBothPaths(f);
  for (int64_t i = 0; i < 16; ++i)
    for (int64_t j = 0; j < 8; ++j)
      ASSERT_EQ(at(r.tiled[1], i, j), r.inputs[0].data[(2 * 16 + i) * 8 + j]);
  expectSameData(r.tiled[1], r.expanded[1]);
}

TEST(TileOps, CopyExtentMismatchIsDiagnosed) {
  Buffer x = buffer("X", {16, 8}), y = buffer("Y", {8, 16});
  PrimFunc f = kernel({x, y}, {}, std::make_shared<Copy>(fullRegion(x), fullRegion(y)));
  std::vector<Tensor> args = interp::makeInputs(f, {}, 1);
  EXPECT_NE(errorOf([&] { interp::run(f, args, {}); }).find("copy shape mismatch"), std::string::npos);
}

TEST(TileOps, GemmAccumulatesInFp32OverAPipelinedKLoop) {
  // C = A @ B with 32-wide k tiles copied to shared memory, accumulated in a fp32 fragment.
  Buffer a = buffer("A", {64, 96}, DType::Float16), b = buffer("B", {96, 48}, DType::Float16);
  Buffer c = buffer("C", {64, 48}, DType::Float32);
  Buffer as = buffer("A_s", {64, 32}, DType::Float16, Scope::Shared);
  Buffer bs = buffer("B_s", {32, 48}, DType::Float16, Scope::Shared);
  Buffer cf = buffer("C_f", {64, 48}, DType::Float32, Scope::Fragment);
  Var k = var("k");
  Expr k0 = mul(k, intImm(32));
  Stmt kBody = seq({std::make_shared<Copy>(region(a, {intImm(0), k0}, {64, 32}), fullRegion(as)),
                    std::make_shared<Copy>(region(b, {k0, intImm(0)}, {32, 48}), fullRegion(bs)),
                    std::make_shared<Gemm>(fullRegion(as), fullRegion(bs), fullRegion(cf), false, false)});
  Stmt body = seq({std::make_shared<For>(k, intImm(0), intImm(3), ForKind::Pipelined, kBody, SourceLoc{}, 2),
                   std::make_shared<Copy>(fullRegion(cf), fullRegion(c))});
  PrimFunc f = kernel({a, b, c}, {as, bs, cf}, body);

  BothPaths r = runBothPaths(f, 3);
  EXPECT_EQ(r.tiled[2].data, referenceGemm(r.inputs[0], r.inputs[1], false, false, 64, 48, 96));
  expectSameData(r.tiled[2], r.expanded[2]);
}

TEST(TileOps, GemmWithTransposesAndClearAccum) {
  // A is stored K x M and B is stored N x K: C = A^T @ B^T (clearAccum: C is only written, so
  // it starts at zero) and D += A^T @ B^T (D is read too, so it starts with random values).
  Buffer a = buffer("A", {32, 16}), b = buffer("B", {24, 32}), c = buffer("C", {16, 24});
  auto g = std::make_shared<Gemm>(fullRegion(a), fullRegion(b), fullRegion(c), true, true, /*clear=*/true);
  Buffer d = buffer("D", {16, 24});
  PrimFunc f = kernel({a, b, c, d}, {}, seq({g, std::make_shared<Gemm>(fullRegion(a), fullRegion(b), fullRegion(d), true, true)}));
  BothPaths r = runBothPaths(f, 11);
  std::vector<double> expected = referenceGemm(r.inputs[0], r.inputs[1], true, true, 16, 24, 32);
  EXPECT_EQ(r.tiled[2].data, expected);
  // D += A^T B^T starting from D's random values.
  for (int64_t i = 0; i < 16; ++i)
    for (int64_t j = 0; j < 24; ++j) {
      double acc = at(r.inputs[3], i, j);
      for (int64_t kk = 0; kk < 32; ++kk)
        acc = f32(acc + f32(at(r.inputs[0], kk, i) * at(r.inputs[1], j, kk)));
      ASSERT_EQ(at(r.tiled[3], i, j), acc);
    }
  expectSameData(r.tiled[2], r.expanded[2]);
  expectSameData(r.tiled[3], r.expanded[3]);
}

TEST(TileOps, GemmAccumulatesInFp16WhenCIsFp16) {
  Buffer a = buffer("A", {8, 64}, DType::Float16), b = buffer("B", {64, 8}, DType::Float16);
  Buffer c = buffer("C", {8, 8}, DType::Float16);
  auto g = std::make_shared<Gemm>(fullRegion(a), fullRegion(b), fullRegion(c), false, false, /*clear=*/true);
  PrimFunc f = kernel({a, b, c}, {}, g);
  BothPaths r = runBothPaths(f, 5);
  auto h = [](double v) { return roundToDType(v, DType::Float16); };
  for (int64_t i = 0; i < 8; ++i)
    for (int64_t j = 0; j < 8; ++j) {
      double acc = 0;
      for (int64_t k = 0; k < 64; ++k)
        acc = h(acc + h(at(r.inputs[0], i, k) * at(r.inputs[1], k, j)));
      ASSERT_EQ(at(r.tiled[2], i, j), acc);
    }
  expectSameData(r.tiled[2], r.expanded[2]);
}

TEST(TileOps, GemmKMismatchIsDiagnosed) {
  Buffer a = buffer("A", {8, 16}), b = buffer("B", {32, 8}), c = buffer("C", {8, 8});
  PrimFunc f = kernel({a, b, c}, {}, std::make_shared<Gemm>(fullRegion(a), fullRegion(b), fullRegion(c), false, false));
  std::vector<Tensor> args = interp::makeInputs(f, {}, 1);
  EXPECT_EQ(errorOf([&] { interp::run(f, args, {}); }),
            "gemm shape mismatch: op(A) is 8x16, op(B) is 32x8, C is 8x8");
}

TEST(TileOps, FillWholeBufferAndSubRegion) {
  Buffer o = buffer("O", {8, 8}, DType::BFloat16);
  Stmt body = seq({std::make_shared<Fill>(fullRegion(o), floatImm(0.1)),
                   std::make_shared<Fill>(region(o, {intImm(2), intImm(4)}, {3, 2}), floatImm(-2.0))});
  PrimFunc f = kernel({o}, {}, body);
  BothPaths r = runBothPaths(f);
  for (int64_t i = 0; i < 8; ++i)
    for (int64_t j = 0; j < 8; ++j) {
      bool inner = i >= 2 && i < 5 && j >= 4 && j < 6;
      ASSERT_EQ(at(r.tiled[0], i, j), inner ? -2.0 : roundToDType(0.1, DType::BFloat16));
    }
  expectSameData(r.tiled[0], r.expanded[0]);
}

struct ReduceCase {
  ReduceKind kind;
  int dim;
};

class ReduceTest : public ::testing::TestWithParam<ReduceCase> {};

TEST_P(ReduceTest, MatchesFormulaAndExpansion) {
  auto [kind, dim] = GetParam();
  Buffer x = buffer("X", {12, 20}), y = buffer("Y", {dim == 0 ? 20 : 12});
  PrimFunc f = kernel({x, y}, {}, std::make_shared<Reduce>(kind, fullRegion(x), fullRegion(y), dim, true));
  BothPaths r = runBothPaths(f, 9);
  int64_t kept = dim == 0 ? 20 : 12, reduced = dim == 0 ? 12 : 20;
  for (int64_t o = 0; o < kept; ++o) {
    double acc = kind == ReduceKind::Max ? -INFINITY : kind == ReduceKind::Min ? INFINITY : 0.0;
    for (int64_t k = 0; k < reduced; ++k) {
      double v = dim == 0 ? at(r.inputs[0], k, o) : at(r.inputs[0], o, k);
      switch (kind) {
      case ReduceKind::Sum: acc = f32(acc + v); break;
      case ReduceKind::AbsSum: acc = f32(acc + std::fabs(v)); break;
      case ReduceKind::Max: acc = std::max(acc, v); break;
      case ReduceKind::AbsMax: acc = std::max(acc, std::fabs(v)); break;
      case ReduceKind::Min: acc = std::min(acc, v); break;
      }
    }
    ASSERT_EQ(r.tiled[1].data[o], acc) << "element " << o;
  }
  expectSameData(r.tiled[1], r.expanded[1]);
}

INSTANTIATE_TEST_SUITE_P(AllKindsBothDims, ReduceTest,
                         ::testing::Values(ReduceCase{ReduceKind::Sum, 0}, ReduceCase{ReduceKind::Sum, 1},
                                           ReduceCase{ReduceKind::Max, 0}, ReduceCase{ReduceKind::Max, 1},
                                           ReduceCase{ReduceKind::Min, 1}, ReduceCase{ReduceKind::AbsSum, 0},
                                           ReduceCase{ReduceKind::AbsMax, 1}));

TEST(TileOps, ReduceWithoutClearCombinesWithDestination) {
  // Y (read and written) keeps its random inputs; Y[i] = Y0[i] + sum_j X[i, j].
  Buffer x = buffer("X", {4, 6}), y = buffer("Y", {4});
  PrimFunc f = kernel({x, y}, {}, std::make_shared<Reduce>(ReduceKind::Sum, fullRegion(x), fullRegion(y), 1, false));
  BothPaths r = runBothPaths(f, 2);
  for (int64_t i = 0; i < 4; ++i) {
    double acc = 0;
    for (int64_t j = 0; j < 6; ++j) acc = f32(acc + at(r.inputs[0], i, j));
    ASSERT_NE(r.inputs[1].data[i], 0.0);
    ASSERT_EQ(r.tiled[1].data[i], f32(r.inputs[1].data[i] + acc));
  }
  expectSameData(r.tiled[1], r.expanded[1]);
}

TEST(TileOps, ReduceIntoA2DColumnRegion) {
  // Row maxima of a 2-D tile written into column 1 of an 8x3 buffer (the unit dim is dropped).
  Buffer x = buffer("X", {8, 5}), y = buffer("Y", {8, 3});
  PrimFunc f = kernel({x, y}, {}, std::make_shared<Reduce>(ReduceKind::Max, fullRegion(x),
                                                           region(y, {intImm(0), intImm(1)}, {8, 1}), 1, true));
  BothPaths r = runBothPaths(f, 4);
  for (int64_t i = 0; i < 8; ++i) {
    double m = -INFINITY;
    for (int64_t j = 0; j < 5; ++j) m = std::max(m, at(r.inputs[0], i, j));
    ASSERT_EQ(at(r.tiled[1], i, 1), m);
    ASSERT_EQ(at(r.tiled[1], i, 0), 0.0);
  }
  expectSameData(r.tiled[1], r.expanded[1]);
}

TEST(TileOps, MapWithABroadcastRow) {
  // O[4 + i, j] = exp(X[i, j] * S[j]) + 1 over an 8x16 box.
  Buffer x = buffer("X", {8, 16}), s = buffer("S", {16}), o = buffer("O", {12, 16});
  Var i = var("i"), j = var("j");
  Expr value = add(std::make_shared<Call>("exp", std::vector<Expr>{mul(load(x, {i, j}), load(s, {j}))},
                                          DType::Float32),
                   floatImm(1.0));
  PrimFunc f = kernel({x, s, o}, {}, std::make_shared<Map>(std::vector<Var>{i, j},
                                                           region(o, {intImm(4), intImm(0)}, {8, 16}), value));
  BothPaths r = runBothPaths(f, 6);
  for (int64_t a = 0; a < 12; ++a)
    for (int64_t b = 0; b < 16; ++b) {
      double expected = 0.0;
      if (a >= 4) {
        double prod = f32(at(r.inputs[0], a - 4, b) * r.inputs[1].data[b]);
        expected = f32(f32(std::exp(prod)) + 1.0);
      }
      ASSERT_EQ(at(r.tiled[2], a, b), expected) << a << "," << b;
    }
  expectSameData(r.tiled[2], r.expanded[2]);
}

TEST(TileOps, ExpandedKernelHasNoTileOpsLeft) {
  Buffer x = buffer("X", {4, 4}), y = buffer("Y", {4});
  Stmt body = seq({std::make_shared<Fill>(fullRegion(y), floatImm(0.0)),
                   std::make_shared<Reduce>(ReduceKind::Sum, fullRegion(x), fullRegion(y), 1, false)});
  PrimFunc f = kernel({x, y}, {}, body);
  transform::expandTileOps(f);
  struct Finder : IRVisitor {
    int tileOps = 0;
    void visitCopy(const Copy &) override { ++tileOps; }
    void visitGemm(const Gemm &) override { ++tileOps; }
    void visitFill(const Fill &) override { ++tileOps; }
    void visitReduce(const Reduce &) override { ++tileOps; }
    void visitMap(const Map &) override { ++tileOps; }
  } finder;
  finder.visit(f.body);
  EXPECT_EQ(finder.tileOps, 0);
  EXPECT_EQ(f.allocs.size(), 1u); // the reduction's one-element accumulator
}

TEST(TileOps, RegionWithoutExtentsIsDiagnosedByBothPaths) {
  Buffer x = buffer("X", {4, 4}), y = buffer("Y", {4, 4});
  Region src{x, {intImm(0), intImm(0)}, {}, {}};
  PrimFunc f = kernel({x, y}, {}, std::make_shared<Copy>(src, fullRegion(y)));
  std::vector<Tensor> args = interp::makeInputs(f, {}, 1);
  EXPECT_NE(errorOf([&] { interp::run(f, args, {}); }).find("has no extents"), std::string::npos);
  EXPECT_NE(errorOf([&] { transform::expandTileOps(f); }).find("has no extents"), std::string::npos);
}

TEST(TileOps, OutOfBoundsRegionIsDiagnosed) {
  // Only the global side of a copy is clipped at the edge; a region outside a tile is an error.
  Buffer y = buffer("Y", {4, 4}), xs = buffer("X_s", {8, 8}, DType::Float32, Scope::Shared);
  PrimFunc f = kernel({y}, {xs}, std::make_shared<Copy>(region(xs, {intImm(6), intImm(0)}, {4, 4}), fullRegion(y)));
  std::vector<Tensor> args = interp::makeInputs(f, {}, 1);
  EXPECT_EQ(errorOf([&] { interp::run(f, args, {}); }),
            "out-of-bounds copy source region of 'X_s': [6:10, 0:4] is outside shape [8, 8]");
}

TEST(TileOps, CopyClipsAtTheEdgeOfAGlobalTensor) {
  // 40 rows in 32-row blocks: the second block's tile reads 8 real rows and 24 zeros, and its
  // write-back stores the 8 real rows only (TileLang's bounds-checked T.copy), on both paths.
  Buffer a = buffer("A", {40, 8}), b = buffer("B", {40, 8}), padded = buffer("P", {64, 8});
  Buffer tile = buffer("A_s", {32, 8}, DType::Float32, Scope::Shared);
  Var by = var("by");
  Expr row = mul(by, intImm(32));
  Stmt body = seq({std::make_shared<Copy>(region(a, {row, intImm(0)}, {32, 8}), fullRegion(tile)),
                   std::make_shared<Copy>(fullRegion(tile), region(b, {row, intImm(0)}, {32, 8})),
                   std::make_shared<Copy>(fullRegion(tile), region(padded, {row, intImm(0)}, {32, 8}))});
  PrimFunc f = kernel({a, b, padded}, {tile}, body, {2}, {by});
  BothPaths r = runBothPaths(f, 3);
  for (int64_t i = 0; i < 64; ++i)
    for (int64_t j = 0; j < 8; ++j) {
      if (i < 40)
        ASSERT_EQ(at(r.tiled[1], i, j), at(r.inputs[0], i, j)) << i << "," << j;
      ASSERT_EQ(at(r.tiled[2], i, j), i < 40 ? at(r.inputs[0], i, j) : 0.0) << i << "," << j;
    }
  expectSameData(r.tiled[1], r.expanded[1]);
  expectSameData(r.tiled[2], r.expanded[2]);
}

TEST(TileOps, RowSoftmaxAcrossBlocksMatchesTheFormula) {
  // Each of 4 blocks takes 8 rows of X[32, 16]: copy to a fragment, row max, exp(x - max),
  // row sum, divide, copy out. Exercises tile ops on per-block tiles and 1-D broadcasts.
  Buffer x = buffer("X", {32, 16}), o = buffer("O", {32, 16});
  Buffer t = buffer("t", {8, 16}, DType::Float32, Scope::Fragment);
  Buffer mx = buffer("mx", {8}, DType::Float32, Scope::Fragment), sm = buffer("sm", {8}, DType::Float32, Scope::Fragment);
  Var bx = var("bx"), i = var("i"), j = var("j"), i2 = var("i2"), j2 = var("j2");
  Expr row0 = mul(bx, intImm(8));
  Expr shiftedExp = std::make_shared<Call>("exp", std::vector<Expr>{sub(load(t, {i, j}), load(mx, {i}))}, DType::Float32);
  Stmt body = seq({
      std::make_shared<Copy>(region(x, {row0, intImm(0)}, {8, 16}), fullRegion(t)),
      std::make_shared<Reduce>(ReduceKind::Max, fullRegion(t), fullRegion(mx), 1, true),
      std::make_shared<Map>(std::vector<Var>{i, j}, fullRegion(t), shiftedExp),
      std::make_shared<Reduce>(ReduceKind::Sum, fullRegion(t), fullRegion(sm), 1, true),
      std::make_shared<Map>(std::vector<Var>{i2, j2}, fullRegion(t),
                            binary(BinaryOp::Div, load(t, {i2, j2}), load(sm, {i2}))),
      std::make_shared<Copy>(fullRegion(t), region(o, {row0, intImm(0)}, {8, 16})),
  });
  PrimFunc f = kernel({x, o}, {t, mx, sm}, body, {4}, {bx});
  BothPaths r = runBothPaths(f, 8);
  for (int64_t row = 0; row < 32; ++row) {
    double m = -INFINITY, s = 0;
    for (int64_t c = 0; c < 16; ++c) m = std::max(m, at(r.inputs[0], row, c));
    std::vector<double> e(16);
    for (int64_t c = 0; c < 16; ++c) {
      e[c] = f32(std::exp(f32(at(r.inputs[0], row, c) - m)));
      s = f32(s + e[c]);
    }
    for (int64_t c = 0; c < 16; ++c)
      ASSERT_EQ(at(r.tiled[1], row, c), f32(e[c] / s)) << row << "," << c;
  }
  expectSameData(r.tiled[1], r.expanded[1]);
  EXPECT_TRUE(interp::compare(r.tiled[1], r.expanded[1]).pass);
}
