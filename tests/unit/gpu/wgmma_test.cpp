// Hopper's warpgroup MMA (--arch sm_90a): the Wgmma accumulator layout on its own, GEMMs lowered
// to wgmma against the reference, and gpu-interp catching what would be wrong on the device: a
// descriptor that describes another layout than the tile has, and a missing fence.proxy.async.
#include "GpuTestKernels.h"

#include "ir/Printer.h"

#include <functional>
#include <map>
#include <set>

namespace tilec::gpu::test {
namespace {

const GpuOptions kSm90a = GpuOptions::forArch("sm_90a");

int64_t constant(const Expr &e) {
  std::optional<int64_t> v = asConstInt(fold(e));
  if (!v) {
    auto *b = e->as<Binary>();
    if (b && b->op == BinaryOp::Eq)
      return constant(b->a) == constant(b->b);
    if (b && b->op == BinaryOp::And)
      return constant(b->a) && constant(b->b);
    ADD_FAILURE() << "not constant: " << printExpr(e);
    return -1;
  }
  return *v;
}

struct Shape {
  int64_t rows, cols;
  int groupsM, groupsN, threads;
};

void PrintTo(const Shape &s, std::ostream *os) {
  *os << s.rows << "x" << s.cols << ", " << s.groupsM << "x" << s.groupsN << " warpgroups, " << s.threads << " threads";
}

class WgmmaLayoutTest : public ::testing::TestWithParam<Shape> {};

// Every element in one register; within each wgmma (m64 tile mi, registers mi * wn / 2 + i) the
// PTX ISA's D fragment: row 16 (warp % 4) + lane / 4 + 8 (i / 2 % 2), column 8 (i / 4) + 2 (lane % 4) + i % 2.
TEST_P(WgmmaLayoutTest, EveryElementOnceInTheWgmmaDLayout) {
  Shape s = GetParam();
  LayoutPtr l = Layout::wgmma(s.rows, s.cols, s.groupsM, s.groupsN, s.threads);
  int64_t wm = s.rows / s.groupsM, wn = s.cols / s.groupsN;
  EXPECT_EQ(l->regs() * s.threads, s.rows * s.cols);
  std::set<std::pair<int64_t, int64_t>> seen;
  for (int t = 0; t < s.threads; ++t)
    for (int64_t r = 0; r < l->regs(); ++r) {
      std::vector<Expr> e = l->element(sx::i32(t), sx::i32(r));
      int64_t row = constant(e[0]), col = constant(e[1]);
      EXPECT_TRUE(seen.insert({row, col}).second) << "(" << row << ", " << col << ") twice";
      int group = t / 128, warp = t / 32 % 4, lane = t % 32;
      int64_t mi = r / (wn / 2), i = r % (wn / 2);
      EXPECT_EQ(row, group % s.groupsM * wm + 64 * mi + 16 * warp + lane / 4 + 8 * (i / 2 % 2)) << t << " " << r;
      EXPECT_EQ(col, group / s.groupsM * wn + 8 * (i / 4) + 2 * (lane % 4) + i % 2) << t << " " << r;
    }
}

TEST_P(WgmmaLayoutTest, RowRegistersAndOneWriterPerRow) {
  Shape s = GetParam();
  LayoutPtr l = Layout::wgmma(s.rows, s.cols, s.groupsM, s.groupsN, s.threads), rows = Layout::rowVector(l);
  std::map<int64_t, int> writers;
  for (int t = 0; t < s.threads; ++t) {
    for (int64_t a = 0; a < l->rowRegs(); ++a) {
      int64_t row = constant(rows->element(sx::i32(t), sx::i32(a))[0]);
      for (int64_t b = 0; b < l->regsPerRow(); ++b) {
        int64_t reg = constant(l->regInRow(sx::i32(a), sx::i32(b)));
        EXPECT_EQ(constant(l->element(sx::i32(t), sx::i32(reg))[0]), row);
        EXPECT_EQ(constant(l->rowRegOf(sx::i32(reg))), a);
      }
      if (constant(rows->primary(sx::i32(t))))
        ++writers[row];
    }
  }
  EXPECT_EQ(int64_t(writers.size()), s.rows);
  for (auto &[row, n] : writers)
    EXPECT_EQ(n, 1) << "row " << row;
  EXPECT_EQ(l->rowShuffleMasks(), (std::vector<int>{2, 1}));
}

INSTANTIATE_TEST_SUITE_P(Shapes, WgmmaLayoutTest,
                         ::testing::Values(Shape{64, 64, 1, 1, 128}, Shape{128, 128, 1, 1, 128},
                                           Shape{128, 64, 2, 1, 256}, Shape{64, 128, 1, 2, 256}));

SStmt rewriteWgmmas(const SStmt &s, const std::function<SStmt(const SWgmma &)> &f) {
  if (!s)
    return s;
  switch (s->kind) {
  case SKind::Wgmma: return f(*s->as<SWgmma>());
  case SKind::Seq: {
    std::vector<SStmt> out;
    for (const SStmt &c : s->as<SSeq>()->stmts)
      out.push_back(rewriteWgmmas(c, f));
    return std::make_shared<SSeq>(out);
  }
  case SKind::For: {
    auto *n = s->as<SFor>();
    return std::make_shared<SFor>(n->var, n->min, n->extent, n->unroll, rewriteWgmmas(n->body, f));
  }
  case SKind::Let: {
    auto *n = s->as<SLet>();
    return std::make_shared<SLet>(n->var, n->value, rewriteWgmmas(n->body, f));
  }
  case SKind::If: {
    auto *n = s->as<SIf>();
    return std::make_shared<SIf>(n->cond, rewriteWgmmas(n->thenBody, f), rewriteWgmmas(n->elseBody, f));
  }
  case SKind::Op: return std::make_shared<SOp>(s->as<SOp>()->what, rewriteWgmmas(s->as<SOp>()->body, f));
  default: return s;
  }
}

int countWgmmas(const SStmt &s) {
  int n = 0;
  rewriteWgmmas(s, [&](const SWgmma &w) {
    ++n;
    return std::make_shared<SWgmma>(w);
  });
  return n;
}

bool matches(const PrimFunc &f, const Kernel &k) {
  std::vector<interp::Tensor> ref = interp::makeInputs(f, {}, 7), got = ref;
  interp::run(f, ref, {});
  runSimt(k, got, {});
  return interp::compare(ref[2], got[2]).pass;
}

// 128x128 blocks, one warpgroup: two m64n128 wgmmas per k step; B (256-byte rows) in column blocks.
TEST(Wgmma, GemmMatchesReference) {
  PrimFuncPtr f = gemmKernel(128, 256, 64, 128, 128, 32, 2);
  Kernel k = lowerForGpu(*f, kSm90a);
  EXPECT_GT(countWgmmas(k.body), 0);
  expectMatches(*f, kSm90a);
  std::string src = printKernel(k, Dialect::Cuda, "test").source;
  // The tiles are carved from one 1024-aligned array (the staged epilogue's C_stage shares A/B's bytes).
  for (const char *s : {"wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16", "__shared__ __align__(1024) unsigned char smem[",
                        "half (&B_s)[2][2][32][64] = *reinterpret_cast<half (*)[2][2][32][64]>(smem + 16384);",
                        "wgmma_desc(smem_addr(&"})
    EXPECT_NE(src.find(s), std::string::npos) << s << "\n" << src;
}

// bf16, B given transposed (K-major), two warpgroups along M.
TEST(Wgmma, Bf16TransposedBTwoWarpgroups) {
  PrimFuncPtr f = gemmKernel(128, 128, 64, 128, 64, 32, 1, DType::BFloat16, true, 256);
  Kernel k = lowerForGpu(*f, kSm90a);
  EXPECT_GT(countWgmmas(k.body), 0);
  expectMatches(*f, kSm90a);
}

// Not whole warpgroups (64 threads): mma.sync, still correct.
TEST(Wgmma, FallsBackToMmaSyncWithoutWholeWarpgroups) {
  PrimFuncPtr f = gemmKernel(64, 64, 32, 64, 64, 32, 1, DType::Float16, false, 64);
  EXPECT_EQ(countWgmmas(lowerForGpu(*f, kSm90a).body), 0);
  expectMatches(*f, kSm90a);
}

// A descriptor whose swizzle mode or row-group stride is not the tile's reads other elements.
TEST(Wgmma, DescriptorThatDoesNotDescribeTheTileFailsTheCheck) {
  PrimFuncPtr f = gemmKernel(64, 64, 64, 64, 64, 64, 1);
  Kernel k = lowerForGpu(*f, kSm90a);
  ASSERT_TRUE(matches(*f, k));
  Kernel wrongSwizzle = k, wrongStride = k;
  wrongSwizzle.body = rewriteWgmmas(k.body, [](const SWgmma &w) {
    auto out = std::make_shared<SWgmma>(w);
    out->aLayout.swizzleMode = w.aLayout.swizzleMode == 1 ? 2 : 1;
    return out;
  });
  wrongStride.body = rewriteWgmmas(k.body, [](const SWgmma &w) {
    auto out = std::make_shared<SWgmma>(w);
    out->bLayout.strideBytes /= 2;
    return out;
  });
  EXPECT_FALSE(matches(*f, wrongSwizzle));
  EXPECT_FALSE(matches(*f, wrongStride));
}

// Without fence.proxy.async, wgmma may not see what cp.async and stores wrote: an error.
TEST(Wgmma, MissingProxyFenceIsAnError) {
  PrimFuncPtr f = gemmKernel(64, 64, 32, 64, 64, 32, 1);
  GpuOptions generic = kSm90a; // copies through the generic proxy (with TMA there is nothing to fence)
  generic.tma = false;
  Kernel k = lowerForGpu(*f, generic);
  std::function<SStmt(const SStmt &)> drop = [&](const SStmt &s) -> SStmt {
    if (!s)
      return s;
    if (auto *y = s->as<SWgmmaSync>(); y && y->what == SWgmmaSync::What::ProxyFence)
      return std::make_shared<SSeq>(std::vector<SStmt>{});
    if (auto *q = s->as<SSeq>()) {
      std::vector<SStmt> out;
      for (const SStmt &c : q->stmts)
        out.push_back(drop(c));
      return std::make_shared<SSeq>(out);
    }
    if (auto *n = s->as<SFor>())
      return std::make_shared<SFor>(n->var, n->min, n->extent, n->unroll, drop(n->body));
    if (auto *n = s->as<SLet>())
      return std::make_shared<SLet>(n->var, n->value, drop(n->body));
    if (auto *n = s->as<SOp>())
      return std::make_shared<SOp>(n->what, drop(n->body));
    return s;
  };
  k.body = drop(k.body);
  std::vector<interp::Tensor> args = interp::makeInputs(*f, {}, 7);
  try {
    runSimt(k, args, {});
    ADD_FAILURE() << "no error";
  } catch (const CompileError &e) {
    EXPECT_NE(std::string(e.what()).find("did not fence (fence.proxy.async)"), std::string::npos) << e.what();
  }
}

// O[M, N] = f16(A[M, K] @ B[K, L]) @ C[L, N], one block per bm rows: the first product is an fp32
// fragment converted to an fp16 fragment P that the second gemm takes as A (flash attention's P
// without the softmax).
PrimFuncPtr chainedGemmKernel(int64_t m, int64_t k, int64_t l, int64_t n, int64_t bm, int threads) {
  Buffer A = buf("A", {m, k}, DType::Float16, Scope::Global), B = buf("B", {k, l}, DType::Float16, Scope::Global),
         C = buf("C", {l, n}, DType::Float16, Scope::Global), O = buf("O", {m, n}, DType::Float32, Scope::Global);
  Buffer As = buf("A_s", {bm, k}, DType::Float16, Scope::Shared), Bs = buf("B_s", {k, l}, DType::Float16, Scope::Shared),
         Cs = buf("C_s", {l, n}, DType::Float16, Scope::Shared);
  Buffer S = buf("S", {bm, l}, DType::Float32, Scope::Fragment), P = buf("P", {bm, l}, DType::Float16, Scope::Fragment),
         acc = buf("acc", {bm, n}, DType::Float32, Scope::Fragment);
  Var by = var("by");
  Expr row0 = ir::mul(by, intImm(bm));
  Stmt body = seq({std::make_shared<Copy>(region(A, {row0, intImm(0)}, {bm, k}), fullRegion(As)),
                   std::make_shared<Copy>(fullRegion(B), fullRegion(Bs)),
                   std::make_shared<Copy>(fullRegion(C), fullRegion(Cs)),
                   std::make_shared<Gemm>(fullRegion(As), fullRegion(Bs), fullRegion(S), false, false, true),
                   std::make_shared<Copy>(fullRegion(S), fullRegion(P)),
                   std::make_shared<Gemm>(fullRegion(P), fullRegion(Cs), fullRegion(acc), false, false, true),
                   std::make_shared<Copy>(fullRegion(acc), region(O, {row0, intImm(0)}, {bm, n}))});
  return kernel("chained_gemm", {A, B, C, O}, {m / bm}, {As, Bs, Cs, S, P, acc}, {by}, body, threads);
}

// The wgmmas that read A from registers.
std::vector<SWgmma> registerAWgmmas(const SStmt &s) {
  std::vector<SWgmma> out;
  rewriteWgmmas(s, [&](const SWgmma &w) {
    if (w.registerA())
      out.push_back(w);
    return std::make_shared<SWgmma>(w);
  });
  return out;
}

// P stays in registers with wgmma's A fragment layout and the second gemm reads it there (the RS
// form), on one warpgroup and on two along M; P has no shared tile.
TEST(Wgmma, FragmentAIsReadFromRegisters) {
  for (auto [bm, threads] : {std::pair{64, 128}, std::pair{128, 256}}) {
    PrimFuncPtr f = chainedGemmKernel(256, 32, 64, 64, bm, threads);
    Kernel k = lowerForGpu(*f, kSm90a);
    std::vector<SWgmma> rs = registerAWgmmas(k.body);
    ASSERT_FALSE(rs.empty()) << bm;
    EXPECT_EQ(rs[0].a->name, "P");
    for (const Buffer &b : k.shared)
      EXPECT_NE(b->name, "P");
    expectMatches(*f, kSm90a);
    std::string src = printKernel(k, Dialect::Cuda, "test").source;
    for (const char *s : {"void wgmma_m64n64k16_f16_rs_tb(float *d, const void *a, unsigned long long b)",
                          "}, {%32, %33, %34, %35}, %36, p, 1, 1, 1;", "&P[kk * 8],"})
      EXPECT_NE(src.find(s), std::string::npos) << s << "\n" << src;
  }
}

// Register k step kk of m64 tile mi holds wgmma's A fragment: element i of lane l, warp w at row
// 64 mi + 16 w + l / 4 + 8 (i / 2 % 2), column 16 kk + 8 (i / 4) + 2 (l % 4) + i % 2; no register
// A when C is split along N (each warpgroup would need all of A's rows).
TEST(Wgmma, RegisterALayoutIsTheAFragment) {
  Buffer A = buf("A", {128, 32}, DType::Float16, Scope::Fragment), B = buf("B", {32, 64}, DType::Float16, Scope::Shared),
         C = buf("C", {128, 64}, DType::Float32, Scope::Fragment);
  Gemm g(fullRegion(A), fullRegion(B), fullRegion(C), false, false, false);
  LayoutPtr a = wgmmaRegisterA(g, *Layout::wgmma(128, 64, 1, 1, 128));
  ASSERT_TRUE(a);
  for (int t = 0; t < 128; ++t)
    for (int64_t mi = 0; mi < 2; ++mi)
      for (int64_t kk = 0; kk < 2; ++kk)
        for (int64_t i = 0; i < 8; ++i) {
          std::vector<Expr> e = a->element(sx::i32(t), sx::i32(mi * 16 + kk * 8 + i));
          int w = t / 32, l = t % 32;
          EXPECT_EQ(constant(e[0]), 64 * mi + 16 * w + l / 4 + 8 * (i / 2 % 2));
          EXPECT_EQ(constant(e[1]), 16 * kk + 8 * (i / 4) + 2 * (l % 4) + i % 2);
        }
  EXPECT_FALSE(wgmmaRegisterA(g, *Layout::wgmma(128, 64, 1, 2, 256)));
}

// The registers of A belong to the wgmma until a wait retires it: a write in between (here one
// slipped between commit and wait) is reported.
TEST(Wgmma, RegisterAWrittenUnderAWgmmaInFlightIsAnError) {
  PrimFuncPtr f = chainedGemmKernel(128, 32, 64, 64, 64, 128);
  Kernel k = lowerForGpu(*f, kSm90a);
  Buffer p = registerAWgmmas(k.body).at(0).a;
  std::function<SStmt(const SStmt &)> writeAfterCommit = [&](const SStmt &s) -> SStmt {
    if (auto *q = s ? s->as<SSeq>() : nullptr) {
      std::vector<SStmt> out;
      for (const SStmt &c : q->stmts) {
        out.push_back(writeAfterCommit(c));
        if (auto *w = c->as<SWgmmaSync>(); w && w->what == SWgmmaSync::What::Commit)
          out.push_back(sstore(p, {sx::i32(0)}, floatImm(0)));
      }
      return std::make_shared<SSeq>(out);
    }
    if (SStmt control = rebuildControl(s, writeAfterCommit))
      return control;
    if (auto *op = s->as<SOp>())
      return std::make_shared<SOp>(op->what, writeAfterCommit(op->body));
    return s;
  };
  k.body = writeAfterCommit(k.body);
  std::vector<interp::Tensor> args = interp::makeInputs(*f, {}, 7);
  try {
    runSimt(k, args, {});
    ADD_FAILURE() << "no error";
  } catch (const CompileError &e) {
    EXPECT_NE(std::string(e.what()).find("while a wgmma reading it (A from registers) is in flight"), std::string::npos)
        << e.what();
  }
}

} // namespace
} // namespace tilec::gpu::test
