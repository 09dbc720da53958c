// GPU lowering checked numerically: the SIMT interpreter against the Tile IR reference.
#include "GpuTestKernels.h"

namespace tilec::gpu::test {
namespace {

// The seed's element-wise add: a T.Parallel nest over global tensors.
PrimFuncPtr elementwiseAdd(int64_t m, int64_t n, int threads = 128) {
  Buffer A = buf("A", {m, n}, DType::Float16, Scope::Global), B = buf("B", {m, n}, DType::Float16, Scope::Global),
         C = buf("C", {m, n}, DType::Float16, Scope::Global);
  Var bx = var("bx"), by = var("by"), i = var("i"), j = var("j");
  Expr row = ir::add(ir::mul(by, intImm(32)), i), col = ir::add(ir::mul(bx, intImm(32)), j);
  Stmt body = parallel(i, 32, parallel(j, 32, store(C, {row, col}, ir::add(load(A, {row, col}), load(B, {row, col})))));
  return kernel("elementwise_add", {A, B, C}, {(n + 31) / 32, (m + 31) / 32}, {}, {bx, by}, body, threads);
}

TEST(GpuLowering, ElementwiseAddMatchesReference) { expectMatches(*elementwiseAdd(64, 96)); }

// Tiles that do not divide the tensor: the reference rejects out-of-bounds tiles, so the result is
// checked against the formula; the guards must keep every access inside.
TEST(GpuLowering, ElementwiseGuardsPartialTiles) {
  PrimFuncPtr f = elementwiseAdd(50, 70);
  std::vector<interp::Tensor> args = interp::makeInputs(*f, {}, 3);
  runSimt(lowerForGpu(*f, {}), args, {});
  for (int64_t e = 0; e < 50 * 70; ++e)
    ASSERT_EQ(args[2].data[e], roundToDType(args[0].data[e] + args[1].data[e], DType::Float16)) << e;
}

TEST(GpuLowering, ElementwiseWithOddThreadCount) { expectMatches(*elementwiseAdd(64, 64, 96)); }

TEST(GpuLowering, ElementwisePrintsReadableCuda) {
  Kernel k = lowerForGpu(*elementwiseAdd(64, 96), {});
  std::string cu = printKernel(k, Dialect::Cuda, "test").source;
  EXPECT_NE(cu.find("extern \"C\" __global__ void __launch_bounds__(128) elementwise_add("), std::string::npos) << cu;
  // Rows of 96 fp16 and 32-wide tiles keep 16-byte alignment: each thread takes 8 consecutive
  // columns (consecutive threads consecutive chunks), one uint4 per operand.
  EXPECT_NE(cu.find("const int v = tx % 4;"), std::string::npos) << cu;
  EXPECT_NE(cu.find("*reinterpret_cast<uint4 *>(&A_v[0]) = *reinterpret_cast<const uint4 *>(&A[(by * 32 + i) * 96 + "
                    "bx * 32 + v * 8]);"),
            std::string::npos)
      << cu;
  EXPECT_NE(cu.find("C_v[l] = A_v[l] + B_v[l];"), std::string::npos) << cu;
  EXPECT_NE(cu.find("*reinterpret_cast<uint4 *>(&C[(by * 32 + i) * 96 + bx * 32 + v * 8]) = "
                    "*reinterpret_cast<const uint4 *>(&C_v[0]);"),
            std::string::npos)
      << cu;
  EXPECT_EQ(cu.find("if ("), std::string::npos) << "shapes divide the tiles: no guards\n" << cu;
}

// Shared tile written by one nest and read by another: a barrier is needed between them.
PrimFuncPtr sharedScale() {
  Buffer G = buf("G", {64, 64}, DType::Float32, Scope::Global), O = buf("O", {64, 64}, DType::Float32, Scope::Global);
  Buffer S = buf("S", {32, 32}, DType::Float32, Scope::Shared);
  Var bx = var("bx"), by = var("by"), i = var("i"), j = var("j"), i2 = var("i"), j2 = var("j");
  Expr row = ir::add(ir::mul(by, intImm(32)), i), col = ir::add(ir::mul(bx, intImm(32)), j);
  Expr row2 = ir::add(ir::mul(by, intImm(32)), i2), col2 = ir::add(ir::mul(bx, intImm(32)), j2);
  // The second nest reads the tile transposed, so another thread wrote what it reads.
  Stmt body = seq({parallel(i, 32, parallel(j, 32, store(S, {i, j}, load(G, {row, col})))),
                   parallel(i2, 32, parallel(j2, 32, store(O, {row2, col2}, ir::mul(load(S, {j2, i2}), floatImm(2))))) });
  return kernel("shared_scale", {G, O}, {2, 2}, {S}, {bx, by}, body);
}

TEST(GpuLowering, InsertsBarrierBetweenSharedWriterAndReader) {
  PrimFuncPtr f = sharedScale();
  expectMatches(*f);
  std::string cu = printKernel(lowerForGpu(*f, {}), Dialect::Cuda, "test").source;
  EXPECT_NE(cu.find("__syncthreads();"), std::string::npos) << cu;
}

TEST(GpuLowering, InterpreterReportsMissingBarrier) {
  PrimFuncPtr f = sharedScale();
  FragmentPlan plan = inferFragmentLayouts(*f, true);
  Kernel k = lowerToSimt(*f, plan, {}); // no barrier insertion
  std::vector<interp::Tensor> args = interp::makeInputs(*f, {}, 1);
  try {
    runSimt(k, args, {});
    FAIL() << "expected a data race";
  } catch (const CompileError &e) {
    EXPECT_NE(std::string(e.what()).find("data race on shared S"), std::string::npos) << e.what();
  }
}

TEST(GpuLowering, TensorCoreGemmMatchesReference) {
  PrimFuncPtr f = gemmKernel(128, 128, 64, 64, 64, 32, 1);
  Kernel k = lowerForGpu(*f, {});
  EXPECT_TRUE(k.usesTensorCores);
  expectMatches(*f);
}

TEST(GpuLowering, TensorCoreGemmBf16TransposedB) {
  expectMatches(*gemmKernel(64, 128, 64, 64, 64, 32, 1, DType::BFloat16, true));
}

TEST(GpuLowering, PipelinedGemmUsesCpAsync) {
  PrimFuncPtr f = gemmKernel(128, 128, 128, 64, 64, 32, 3);
  Kernel k = lowerForGpu(*f, {});
  EXPECT_TRUE(k.usesCpAsync);
  expectMatches(*f);
  std::string cu = printKernel(k, Dialect::Cuda, "test").source;
  for (const char *s : {"cp_async_16(&", "cp_async_wait<2>();", "ldmatrix_x4(&", "mma_m16n8k16_f16(&"})
    EXPECT_NE(cu.find(s), std::string::npos) << s << "\n" << cu;
}

TEST(GpuLowering, PipelinedGemmWithPartialTiles) {
  const int64_t m = 100, n = 72, k = 96;
  PrimFuncPtr f = gemmKernel(m, n, k, 64, 64, 32, 2);
  std::vector<interp::Tensor> args = interp::makeInputs(*f, {}, 5);
  runSimt(lowerForGpu(*f, {}), args, {});
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double sum = 0;
      for (int64_t kk = 0; kk < k; ++kk)
        sum += args[0].data[i * k + kk] * args[1].data[kk * n + j];
      ASSERT_NEAR(args[2].data[i * n + j], sum, 1e-3) << i << "," << j;
    }
}

TEST(GpuLowering, ScalarGemmWithoutTensorCores) {
  GpuOptions noTc = GpuOptions::forDialect(Dialect::Hip);
  PrimFuncPtr f = gemmKernel(64, 64, 64, 32, 32, 32, 2);
  Kernel k = lowerForGpu(*f, noTc);
  EXPECT_FALSE(k.usesTensorCores);
  expectMatches(*f, noTc);
}

// Row sums of a fragment: per-thread partials + shuffles, written out from the row vector.
PrimFuncPtr rowReduce(ReduceKind kind, int64_t cols) {
  Buffer A = buf("A", {64, cols}, DType::Float32, Scope::Global), B = buf("B", {64}, DType::Float32, Scope::Global);
  Buffer tile = buf("tile", {32, cols}, DType::Float32, Scope::Fragment);
  Buffer row = buf("row", {32}, DType::Float32, Scope::Fragment);
  Var bx = var("bx");
  Expr r0 = ir::mul(bx, intImm(32));
  Stmt body = seq({std::make_shared<Copy>(region(A, {r0, intImm(0)}, {32, cols}), fullRegion(tile)),
                   std::make_shared<Reduce>(kind, fullRegion(tile), fullRegion(row), 1, true),
                   std::make_shared<Copy>(fullRegion(row), region(B, {r0}, {32}))});
  return kernel("row_reduce", {A, B}, {2}, {tile, row}, {bx}, body);
}

TEST(GpuLowering, RowSumUsesShuffles) {
  PrimFuncPtr f = rowReduce(ReduceKind::Sum, 64);
  expectMatches(*f);
  std::string cu = printKernel(lowerForGpu(*f, {}), Dialect::Cuda, "test").source;
  EXPECT_NE(cu.find("__shfl_xor_sync(0xffffffffu, row_red, 16)"), std::string::npos) << cu;
}

TEST(GpuLowering, RowMaxNarrowRows) { expectMatches(*rowReduce(ReduceKind::Max, 8)); }

TEST(GpuLowering, RowAbsMax) { expectMatches(*rowReduce(ReduceKind::AbsMax, 96)); }

// Softmax over rows of a fragment: reduce max, exp(x - max) with a row-vector broadcast, sum,
// divide.
PrimFuncPtr softmax() {
  Buffer X = buf("X", {64, 64}, DType::Float32, Scope::Global), Y = buf("Y", {64, 64}, DType::Float32, Scope::Global);
  Buffer s = buf("s", {16, 64}, DType::Float32, Scope::Fragment);
  Buffer mx = buf("mx", {16}, DType::Float32, Scope::Fragment), sum = buf("sum", {16}, DType::Float32, Scope::Fragment);
  Var bx = var("bx"), i = var("i"), j = var("j"), i2 = var("i"), j2 = var("j");
  Expr r0 = ir::mul(bx, intImm(16));
  Expr e = std::make_shared<Call>("exp", std::vector<Expr>{ir::sub(load(s, {i, j}), load(mx, {i}))}, DType::Float32);
  Stmt body = seq({std::make_shared<Copy>(region(X, {r0, intImm(0)}, {16, 64}), fullRegion(s)),
                   std::make_shared<Reduce>(ReduceKind::Max, fullRegion(s), fullRegion(mx), 1, true),
                   parallel(i, 16, parallel(j, 64, store(s, {i, j}, e))),
                   std::make_shared<Reduce>(ReduceKind::Sum, fullRegion(s), fullRegion(sum), 1, true),
                   parallel(i2, 16, parallel(j2, 64, store(s, {i2, j2}, binary(BinaryOp::Div, load(s, {i2, j2}), load(sum, {i2}))))),
                   std::make_shared<Copy>(fullRegion(s), region(Y, {r0, intImm(0)}, {16, 64}))});
  return kernel("softmax", {X, Y}, {4}, {s, mx, sum}, {bx}, body);
}

TEST(GpuLowering, SoftmaxKeepsRowsInRegisters) {
  PrimFuncPtr f = softmax();
  FragmentPlan plan = inferFragmentLayouts(*f, true);
  EXPECT_TRUE(plan.promoted.empty());
  expectMatches(*f);
}

} // namespace
} // namespace tilec::gpu::test
