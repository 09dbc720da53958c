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
  FragmentPlan plan = inferFragmentLayouts(*f, MatrixUnit::MmaSync);
  Kernel k = lowerToSimt(*f, plan, {}); // no barrier insertion
  std::vector<interp::Tensor> args = interp::makeInputs(*f, {}, 1);
  try {
    runSimt(k, args, {});
    FAIL() << "expected a data race";
  } catch (const CompileError &e) {
    EXPECT_NE(std::string(e.what()).find("data race on shared S"), std::string::npos) << e.what();
  }
}

// A global tensor written by one nest and read back, transposed, by the next: insert-barriers
// orders it like a shared tile, and without that barrier gpu-interp reports the race (a block runs
// in lockstep, so the stale read itself could never show). `across` reads the other block's tile
// instead: blocks never synchronise, which is a race however many barriers there are.
PrimFuncPtr globalReadBack(bool across) {
  Buffer G = buf("G", {64, 32}, DType::Float32, Scope::Global), Y = buf("Y", {64, 32}, DType::Float32, Scope::Global),
         O = buf("O", {64, 32}, DType::Float32, Scope::Global);
  Var bx = var("bx"), i = var("i"), j = var("j"), i2 = var("i"), j2 = var("j");
  Expr row = ir::add(ir::mul(bx, intImm(32)), i), row2 = ir::add(ir::mul(bx, intImm(32)), i2);
  Expr readRow = across ? ir::add(ir::mul(ir::sub(intImm(1), bx), intImm(32)), j2) : ir::add(ir::mul(bx, intImm(32)), j2);
  Stmt body = seq({parallel(i, 32, parallel(j, 32, store(Y, {row, j}, ir::mul(load(G, {row, j}), floatImm(2))))),
                   parallel(i2, 32, parallel(j2, 32, store(O, {row2, j2}, load(Y, {readRow, i2}))))});
  return kernel("global_read_back", {G, Y, O}, {2}, {}, {bx}, body);
}

std::string simtError(const Kernel &k, const PrimFunc &f) {
  std::vector<interp::Tensor> args = interp::makeInputs(f, {}, 1);
  try {
    runSimt(k, args, {});
  } catch (const CompileError &e) {
    return e.what();
  }
  return "";
}

TEST(GpuLowering, InterpreterReportsMissingBarrierOnGlobalMemory) {
  PrimFuncPtr f = globalReadBack(false);
  expectMatches(*f);
  FragmentPlan plan = inferFragmentLayouts(*f, MatrixUnit::MmaSync);
  Kernel k = lowerToSimt(*f, plan, {}); // no barrier insertion
  EXPECT_NE(simtError(k, *f).find("data race on global Y: thread"), std::string::npos) << simtError(k, *f);
}

TEST(GpuLowering, InterpreterReportsBlocksExchangingGlobalData) {
  PrimFuncPtr f = globalReadBack(true);
  std::string err = simtError(lowerForGpu(*f, {}), *f);
  // Block 0 reads rows block 1 has not written yet: the race shows when block 1 writes them.
  EXPECT_NE(err.find("data race on global Y: block 1 writes element 1024 that block 0 read"), std::string::npos) << err;
  EXPECT_NE(err.find("(blocks do not synchronise)"), std::string::npos) << err;
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
  noTc.matrixUnit = MatrixUnit::None;
  PrimFuncPtr f = gemmKernel(64, 64, 64, 32, 32, 32, 2);
  Kernel k = lowerForGpu(*f, noTc);
  EXPECT_FALSE(k.usesTensorCores);
  expectMatches(*f, noTc);
}

// The SMfma statements of a lowered kernel, rebuilt by `f` (to break them on purpose).
SStmt rewriteMfmas(const SStmt &s, const std::function<SStmt(const SMfma &)> &f) {
  if (!s)
    return s;
  switch (s->kind) {
  case SKind::Mfma: return f(*s->as<SMfma>());
  case SKind::Seq: {
    std::vector<SStmt> out;
    for (const SStmt &c : s->as<SSeq>()->stmts)
      out.push_back(rewriteMfmas(c, f));
    return std::make_shared<SSeq>(out);
  }
  case SKind::For: {
    auto *n = s->as<SFor>();
    return std::make_shared<SFor>(n->var, n->min, n->extent, n->unroll, rewriteMfmas(n->body, f));
  }
  case SKind::Let: {
    auto *n = s->as<SLet>();
    return std::make_shared<SLet>(n->var, n->value, rewriteMfmas(n->body, f));
  }
  case SKind::If: {
    auto *n = s->as<SIf>();
    return std::make_shared<SIf>(n->cond, rewriteMfmas(n->thenBody, f), rewriteMfmas(n->elseBody, f));
  }
  case SKind::Op: return std::make_shared<SOp>(s->as<SOp>()->what, rewriteMfmas(s->as<SOp>()->body, f));
  default: return s;
  }
}

int countMfmas(const SStmt &s) {
  int n = 0;
  rewriteMfmas(s, [&](const SMfma &m) {
    ++n;
    return std::make_shared<SMfma>(m);
  });
  return n;
}

// HIP: AMD's MFMA 16x16x16 on 64-lane wavefronts (128 threads: 2 wavefronts).
TEST(GpuLowering, MfmaGemmMatchesReference) {
  GpuOptions hip = GpuOptions::forDialect(Dialect::Hip);
  PrimFuncPtr f = gemmKernel(128, 128, 64, 64, 64, 32, 2);
  Kernel k = lowerForGpu(*f, hip);
  EXPECT_TRUE(k.usesTensorCores);
  EXPECT_GT(countMfmas(k.body), 0);
  expectMatches(*f, hip);
  std::string src = printKernel(k, Dialect::Hip, "test").source;
  for (const char *s : {"__builtin_amdgcn_mfma_f32_16x16x16f16(A, B, D, 0, 0, 0)", "mfma_16x16x16_f16(&acc[",
                        "typedef _Float16 tilec_f16x4 __attribute__((ext_vector_type(4)));"})
    EXPECT_NE(src.find(s), std::string::npos) << s << "\n" << src;
  EXPECT_EQ(src.find("mma_m16n8k16"), std::string::npos) << src;
}

// bf16 through the _1k builtin; B given transposed (its k is contiguous: 8-byte loads).
TEST(GpuLowering, MfmaGemmBf16TransposedB) {
  GpuOptions hip = GpuOptions::forDialect(Dialect::Hip);
  PrimFuncPtr f = gemmKernel(64, 128, 64, 64, 64, 32, 1, DType::BFloat16, true);
  expectMatches(*f, hip);
  std::string src = printKernel(lowerForGpu(*f, hip), Dialect::Hip, "test").source;
  EXPECT_NE(src.find("__builtin_amdgcn_mfma_f32_16x16x16bf16_1k(A, B, D, 0, 0, 0)"), std::string::npos) << src;
}

// C = A^T B over K = 64 in two steps, A given transposed (A_s is K x M: each lane's 4 k values
// are a column, loaded one by one), one block of 256 threads: 4 wavefronts over a 64x64 C. With
// `clear`, every step's gemm first zeroes C (clear_accum): C is the last step's product only.
PrimFuncPtr gemmTransposedA(bool clear) {
  Buffer A = buf("A", {64, 64}, DType::Float16, Scope::Global), B = buf("B", {64, 64}, DType::Float16, Scope::Global);
  Buffer C = buf("C", {64, 64}, DType::Float32, Scope::Global);
  Buffer As = buf("A_s", {32, 64}, DType::Float16, Scope::Shared), Bs = buf("B_s", {32, 64}, DType::Float16, Scope::Shared);
  Buffer acc = buf("acc", {64, 64}, DType::Float32, Scope::Fragment);
  Var ko = var("ko");
  Expr k0 = ir::mul(ko, intImm(32)), zero = intImm(0);
  Stmt loop = std::make_shared<For>(
      ko, intImm(0), intImm(2), ForKind::Serial,
      seq({std::make_shared<Copy>(region(A, {k0, zero}, {32, 64}), fullRegion(As)),
           std::make_shared<Copy>(region(B, {k0, zero}, {32, 64}), fullRegion(Bs)),
           std::make_shared<Gemm>(fullRegion(As), fullRegion(Bs), fullRegion(acc), true, false, clear)}));
  Stmt body = seq({std::make_shared<Fill>(fullRegion(acc), floatImm(0)), loop,
                   std::make_shared<Copy>(fullRegion(acc), region(C, {zero, zero}, {64, 64}))});
  return kernel("gemm_tn", {A, B, C}, {1}, {As, Bs, acc}, {var("bx")}, body, 256);
}

TEST(GpuLowering, MfmaGemmTransposedA) {
  GpuOptions hip = GpuOptions::forDialect(Dialect::Hip);
  PrimFuncPtr f = gemmTransposedA(false);
  EXPECT_GT(countMfmas(lowerForGpu(*f, hip).body), 0);
  expectMatches(*f, hip);
}

TEST(GpuLowering, MfmaGemmClearAccum) {
  GpuOptions hip = GpuOptions::forDialect(Dialect::Hip);
  PrimFuncPtr f = gemmTransposedA(true);
  EXPECT_GT(countMfmas(lowerForGpu(*f, hip).body), 0);
  expectMatches(*f, hip);
}

// The interpreter places MFMA operands by AMD's lane layouts, so an operand in the wrong layout
// gives a wrong product: here A and B swap places (each lane's 4 elements are the right size, but
// A's rows become B's columns), and the 16x16 tiles come out transposed.
TEST(GpuLowering, MfmaWithOperandsInTheWrongLayoutFailsTheCheck) {
  GpuOptions hip = GpuOptions::forDialect(Dialect::Hip);
  PrimFuncPtr f = gemmKernel(64, 64, 32, 64, 64, 32, 1);
  Kernel k = lowerForGpu(*f, hip);
  k.body = rewriteMfmas(k.body, [](const SMfma &m) {
    return std::make_shared<SMfma>(m.b, m.bOffset, m.a, m.aOffset, m.c, m.cOffset);
  });
  std::vector<interp::Tensor> ref = interp::makeInputs(*f, {}, 7), got = ref;
  interp::run(*f, ref, {});
  runSimt(k, got, {});
  EXPECT_FALSE(interp::compare(ref[2], got[2]).pass);
}

// Blocks that are not whole wavefronts cannot run MFMA: the scalar gemm, still correct.
TEST(GpuLowering, MfmaNeedsWholeWavefronts) {
  GpuOptions hip = GpuOptions::forDialect(Dialect::Hip);
  PrimFuncPtr f = gemmKernel(64, 64, 32, 32, 32, 32, 1, DType::Float16, false, 96);
  Kernel k = lowerForGpu(*f, hip);
  EXPECT_EQ(countMfmas(k.body), 0);
  expectMatches(*f, hip);
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

// 64 fp32 columns are read in 16-byte runs of 4 (Layout.h): 16 lanes share a row, so the
// shuffles start at xor 8.
TEST(GpuLowering, RowSumUsesShuffles) {
  PrimFuncPtr f = rowReduce(ReduceKind::Sum, 64);
  expectMatches(*f);
  std::string cu = printKernel(lowerForGpu(*f, {}), Dialect::Cuda, "test").source;
  EXPECT_NE(cu.find("__shfl_xor_sync(0xffffffffu, row_red, 8)"), std::string::npos) << cu;
  EXPECT_EQ(cu.find("__shfl_xor_sync(0xffffffffu, row_red, 16)"), std::string::npos) << cu;
  EXPECT_NE(cu.find("*reinterpret_cast<const uint4 *>(&A["), std::string::npos) << cu;
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
  FragmentPlan plan = inferFragmentLayouts(*f, MatrixUnit::MmaSync);
  EXPECT_TRUE(plan.promoted.empty());
  expectMatches(*f);
}

} // namespace
} // namespace tilec::gpu::test
