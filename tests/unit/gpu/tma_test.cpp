// TMA pipelines (--arch sm_90a, tma-pipeline): GEMMs whose T.Pipelined copies become
// cp.async.bulk.tensor + one mbarrier per stage match the reference, and gpu-interp catches each
// way such a pipeline can be broken on the device: a wait on the wrong parity, a read of a stage
// whose TMA has not completed, a TMA into a stage still being read (by threads, or by a wgmma
// group not yet retired), accumulators read under a wgmma in flight, a missing or short
// expect_tx, and a tensor map whose swizzle is not the tile's.
#include "GpuTestKernels.h"

#include <algorithm>
#include <functional>

namespace tilec::gpu::test {
namespace {

GpuOptions sm90a(bool tma = true, bool warpSpecialize = true) {
  GpuOptions o = GpuOptions::forArch("sm_90a");
  o.tma = tma, o.warpSpecialize = warpSpecialize;
  return o;
}

// The single-role pipeline: the threads that compute also issue the copies.
GpuOptions sm90aOneRole() { return sm90a(true, false); }

// `s` with every leaf statement (not Seq / For / Let / If / While / Op) replaced by `f` of it.
SStmt rewrite(const SStmt &s, const std::function<SStmt(const SStmt &)> &f) {
  if (!s)
    return s;
  switch (s->kind) {
  case SKind::Seq: {
    std::vector<SStmt> out;
    for (const SStmt &c : s->as<SSeq>()->stmts)
      out.push_back(rewrite(c, f));
    return std::make_shared<SSeq>(out);
  }
  case SKind::For: {
    auto *n = s->as<SFor>();
    return std::make_shared<SFor>(n->var, n->min, n->extent, n->unroll, rewrite(n->body, f));
  }
  case SKind::Let: {
    auto *n = s->as<SLet>();
    return std::make_shared<SLet>(n->var, n->value, rewrite(n->body, f));
  }
  case SKind::If: {
    auto *n = s->as<SIf>();
    return std::make_shared<SIf>(n->cond, rewrite(n->thenBody, f), rewrite(n->elseBody, f), n->roles);
  }
  case SKind::While: {
    auto *n = s->as<SWhile>();
    return std::make_shared<SWhile>(n->cond, rewrite(n->body, f));
  }
  case SKind::Op: {
    auto *n = s->as<SOp>();
    return std::make_shared<SOp>(n->what, rewrite(n->body, f));
  }
  default: return f(s);
  }
}

SStmt nothing() { return std::make_shared<SSeq>(std::vector<SStmt>{}); }

int count(const SStmt &s, SKind kind) {
  int n = 0;
  rewrite(s, [&](const SStmt &x) {
    n += x->kind == kind;
    return x;
  });
  return n;
}

// Runs `k` (lowered from `f`) and expects gpu-interp to stop with an error containing `what`.
void expectError(const PrimFunc &f, const Kernel &k, const std::string &what) {
  std::vector<interp::Tensor> args = interp::makeInputs(f, {}, 7);
  try {
    runSimt(k, args, {});
    ADD_FAILURE() << "no error (expected: " << what << ")";
  } catch (const CompileError &e) {
    EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
  }
}

// Runs `k` and expects it to finish with a wrong C.
void expectWrongResult(const PrimFunc &f, const Kernel &k) {
  std::vector<interp::Tensor> ref = interp::makeInputs(f, {}, 7), got = ref;
  interp::run(f, ref, {});
  runSimt(k, got, {});
  EXPECT_FALSE(interp::compare(ref[2], got[2]).pass);
}

TEST(Tma, GemmPipelinesUseTmaAndMatch) {
  struct Case {
    int64_t m, n, k, bm, bn, bk;
    int stages;
    DType dtype;
    bool transB;
  };
  for (Case c : {Case{128, 256, 128, 128, 128, 32, 3, DType::Float16, false},
                 Case{128, 128, 96, 64, 128, 32, 2, DType::BFloat16, true},
                 Case{200, 136, 80, 128, 64, 16, 3, DType::Float16, false}}) { // partial tiles: zero fill
    PrimFuncPtr f = gemmKernel(c.m, c.n, c.k, c.bm, c.bn, c.bk, c.stages, c.dtype, c.transB);
    Kernel k = lowerForGpu(*f, sm90a());
    EXPECT_TRUE(k.usesTma);
    EXPECT_FALSE(k.usesCpAsync);
    EXPECT_EQ(k.tensorMaps.size(), 2u);
    EXPECT_EQ(count(k.body, SKind::CpAsync), 0);
    EXPECT_GT(count(k.body, SKind::Tma), 0);
    expectMatches(*f, sm90a());
  }
}

// A one-stage loop: its copies are TMAs the block waits for at once, on the shared copy barrier
// whose parity each thread keeps in copy_phase (flipped after every wait: 2 copies x 4 iterations).
TEST(Tma, OneStageLoopCopiesWaitAtOnce) {
  PrimFuncPtr f = gemmKernel(128, 128, 128, 64, 128, 32, 1);
  Kernel k = lowerForGpu(*f, sm90a());
  EXPECT_TRUE(k.usesTma);
  EXPECT_EQ(count(k.body, SKind::Tma), 3); // A: one box; B (32 x 128): two 64-column blocks
  EXPECT_EQ(count(k.body, SKind::CpAsync), 0);
  bool phase = false;
  for (const Buffer &b : k.registers)
    phase |= b->name == "copy_phase";
  EXPECT_TRUE(phase);
  expectMatches(*f, sm90a());
}

// The tensor maps follow the tiles' wgmma layouts: A (128 x 32 fp16, 64-byte rows) one box with the
// 64B swizzle; B (32 x 128, stored as two 64-column blocks) boxes of 32 x 64 with the 128B swizzle.
TEST(Tma, BoxesAndSwizzlesAreTheTiles) {
  PrimFuncPtr f = gemmKernel(256, 256, 128, 128, 128, 32, 3);
  Kernel k = lowerForGpu(*f, sm90a());
  ASSERT_EQ(k.tensorMaps.size(), 2u);
  EXPECT_EQ(k.tensorMaps[0].box, (std::vector<int64_t>{128, 32}));
  EXPECT_EQ(k.tensorMaps[0].swizzleBytes, 64);
  EXPECT_EQ(k.tensorMaps[1].box, (std::vector<int64_t>{32, 64}));
  EXPECT_EQ(k.tensorMaps[1].swizzleBytes, 128);
}

TEST(Tma, NoTmaKeepsCpAsync) {
  PrimFuncPtr f = gemmKernel(128, 256, 128, 128, 128, 32, 3);
  Kernel k = lowerForGpu(*f, sm90a(false));
  EXPECT_FALSE(k.usesTma);
  EXPECT_TRUE(k.tensorMaps.empty());
  EXPECT_GT(count(k.body, SKind::CpAsync), 0);
  EXPECT_EQ(count(k.body, SKind::Mbarrier), 0);
  expectMatches(*f, sm90a(false));
}

class BrokenTmaPipeline : public ::testing::Test {
protected:
  PrimFuncPtr f = gemmKernel(128, 256, 128, 128, 128, 32, 3);
  Kernel k = lowerForGpu(*f, sm90aOneRole());
  void SetUp() override { ASSERT_TRUE(k.usesTma); }
};

TEST_F(BrokenTmaPipeline, WaitOnTheWrongParity) {
  k.body = rewrite(k.body, [](const SStmt &s) -> SStmt {
    auto *w = s->as<SMbarrier>();
    if (!w || w->what != SMbarrier::What::Wait)
      return s;
    return std::make_shared<SMbarrier>(w->what, w->bar, w->idx, 0, sx::minus(sx::i32(1), w->parity));
  });
  expectError(*f, k, "the wrong parity");
}

TEST_F(BrokenTmaPipeline, ReadBeforeTheTmaCompletes) {
  k.body = rewrite(k.body, [](const SStmt &s) -> SStmt {
    auto *w = s->as<SMbarrier>();
    return w && w->what == SMbarrier::What::Wait ? nothing() : s;
  });
  expectError(*f, k, "before the TMA that writes it has completed");
}

// `s` with the pipelined loop's body (the loop holding the TMA refill) replaced by `f` of its
// statements.
SStmt editPipelinedLoop(const SStmt &s, const std::function<void(std::vector<SStmt> &)> &f) {
  if (auto *op = s->as<SOp>()) {
    auto out = std::make_shared<SOp>(*op);
    out->body = editPipelinedLoop(op->body, f);
    return out;
  }
  if (auto *q = s->as<SSeq>()) {
    std::vector<SStmt> out;
    for (const SStmt &c : q->stmts)
      out.push_back(editPipelinedLoop(c, f));
    return std::make_shared<SSeq>(out);
  }
  if (auto *loop = s->as<SFor>(); loop && count(loop->body, SKind::Tma) > 0) {
    std::vector<SStmt> body = loop->body->as<SSeq>()->stmts;
    f(body);
    return std::make_shared<SFor>(loop->var, loop->min, loop->extent, loop->unroll, std::make_shared<SSeq>(body));
  }
  return s;
}

// The wait_group in the pipelined loop's gemm set to `pending`.
SStmt withWgmmaWait(const SStmt &s, int pending) {
  return editPipelinedLoop(s, [&](std::vector<SStmt> &body) {
    for (SStmt &c : body)
      c = rewrite(c, [&](const SStmt &x) -> SStmt {
        auto *w = x->as<SWgmmaSync>();
        if (!w || w->what != SWgmmaSync::What::Wait)
          return x;
        return std::make_shared<SWgmmaSync>(w->what, pending, w->acc);
      });
  });
}

// Without the barrier between an iteration's wgmma wait and its refill, the refill overwrites the
// stage the previous iteration's wgmmas read, which other warps may not have retired yet.
TEST_F(BrokenTmaPipeline, TmaIntoAStageStillBeingRead) {
  k.body = editPipelinedLoop(k.body, [](std::vector<SStmt> &body) {
    auto barrier = std::find_if(body.begin(), body.end(), [](const SStmt &s) { return s->kind == SKind::Barrier; });
    ASSERT_NE(barrier, body.end());
    body.erase(barrier);
  });
  expectError(*f, k, "a stage still being read");
}

// overlap-wgmma: the GEMM's loop waits with one group pending (the iteration's own), refills after
// the barrier, and retires the last group after the loop, before the epilogue reads C.
TEST(Tma, GemmLoopKeepsOneWgmmaGroupInFlight) {
  PrimFuncPtr f = gemmKernel(128, 256, 128, 128, 128, 32, 3);
  Kernel k = lowerForGpu(*f, sm90aOneRole());
  std::vector<int> pending;
  rewrite(k.body, [&](const SStmt &x) {
    if (auto *w = x->as<SWgmmaSync>(); w && w->what == SWgmmaSync::What::Wait)
      pending.push_back(w->pending);
    return x;
  });
  EXPECT_EQ(pending, (std::vector<int>{1, 0}));
  editPipelinedLoop(k.body, [](std::vector<SStmt> &body) {
    ASSERT_GE(body.size(), 2u);
    EXPECT_EQ(body[body.size() - 2]->kind, SKind::Barrier);
    EXPECT_EQ(count(body.back(), SKind::Tma), 3); // the refill: A one box, B two
  });
  expectMatches(*f, sm90a());
}

// With two groups left pending, the refill overwrites a stage the previous iteration's wgmmas may
// still be reading.
TEST_F(BrokenTmaPipeline, RefillUnderAWgmmaInFlight) {
  k.body = withWgmmaWait(k.body, 2);
  expectError(*f, k, "which a wgmma still in flight reads");
}

// Without the wait after the loop the epilogue reads accumulators the last wgmmas still write.
TEST_F(BrokenTmaPipeline, AccumulatorsReadBeforeTheLastWait) {
  std::function<SStmt(const SStmt &)> dropFinalWait = [&](const SStmt &s) -> SStmt {
    if (auto *op = s->as<SOp>()) {
      auto out = std::make_shared<SOp>(*op);
      out->body = dropFinalWait(op->body);
      return out;
    }
    if (auto *q = s->as<SSeq>()) {
      std::vector<SStmt> out;
      for (const SStmt &c : q->stmts) {
        auto *w = c->as<SWgmmaSync>();
        if (!(w && w->what == SWgmmaSync::What::Wait))
          out.push_back(dropFinalWait(c));
      }
      return std::make_shared<SSeq>(out);
    }
    return s;
  };
  k.body = dropFinalWait(k.body);
  expectError(*f, k, "while a wgmma writing it is in flight");
}

TEST_F(BrokenTmaPipeline, MissingExpectTx) {
  k.body = rewrite(k.body, [](const SStmt &s) -> SStmt {
    auto *a = s->as<SMbarrier>();
    return a && a->what == SMbarrier::What::ArriveExpectTx ? nothing() : s;
  });
  expectError(*f, k, "a missing mbarrier.arrive.expect_tx");
}

TEST_F(BrokenTmaPipeline, ShortExpectTx) {
  k.body = rewrite(k.body, [](const SStmt &s) -> SStmt {
    auto *a = s->as<SMbarrier>();
    if (!a || a->what != SMbarrier::What::ArriveExpectTx)
      return s;
    return std::make_shared<SMbarrier>(a->what, a->bar, a->idx, a->bytes - 4096);
  });
  expectError(*f, k, "expect_tx missing or short");
}

// TMA swizzles by the tensor map's mode, decoded from the byte addresses as the hardware does:
// A's 64-byte rows written with the 128B pattern are not where wgmma's 64B descriptor reads them.
TEST_F(BrokenTmaPipeline, TensorMapSwizzleOtherThanTheTiles) {
  ASSERT_EQ(k.tensorMaps[0].swizzleBytes, 64);
  k.tensorMaps[0].swizzleBytes = 128;
  expectWrongResult(*f, k);
}

// ---- warp specialization (warp-specialize, the sm_90a default for a top-level TMA pipeline)

// The roles of a warp-specialized kernel: the If that splits them.
const SIf *rolesOf(const SStmt &s) {
  const SIf *found = nullptr;
  forEachStmt(s, [&](const SStmt &x) {
    if (auto *i = x->as<SIf>(); i && i->roles)
      found = i;
  });
  return found;
}

// One producer warpgroup more than the kernel asked for; the consumers release each stage on its
// "empty" barrier (every consumer thread arrives) and meet each other at named barriers only; setmaxnreg once the block passes 256 threads (40 for the producer, 232
// for two consumer warpgroups); the results match. 4 stages of 32 KiB: one block per SM.
TEST(WarpSpecialize, ProducerWarpgroupIssuesTheCopies) {
  for (int threads : {128, 256}) {
    PrimFuncPtr f = gemmKernel(256, 256, 512, 128, 128, 64, 4, DType::Float16, false, threads);
    Kernel k = lowerForGpu(*f, sm90a());
    EXPECT_EQ(k.threads, threads + 128);
    const SIf *roles = rolesOf(k.body);
    ASSERT_TRUE(roles);
    EXPECT_EQ(roles->roles->producerRegs, threads == 256 ? 40 : 0);
    EXPECT_EQ(roles->roles->consumerRegs, threads == 256 ? 232 : 0);
    EXPECT_GT(count(roles->thenBody, SKind::Tma), 0);
    EXPECT_EQ(count(roles->elseBody, SKind::Tma), 0);
    int arrivals = 0, fullBarriers = 0;
    forEachStmt(roles->elseBody, [&](const SStmt &x) {
      if (auto *m = x->as<SMbarrier>(); m && m->what == SMbarrier::What::Arrive)
        ++arrivals;
      if (auto *b = x->as<SBarrier>()) {
        fullBarriers += b->id == 0;
        EXPECT_EQ(b->threads, b->id ? threads : 0);
      }
    });
    EXPECT_EQ(arrivals, 1);
    EXPECT_EQ(fullBarriers, 0);
    forEachStmt(k.body, [&](const SStmt &x) {
      if (auto *m = x->as<SMbarrier>(); m && m->what == SMbarrier::What::Init && m->bar->name.find("empty") != std::string::npos)
        EXPECT_EQ(m->bytes, threads); // arrivals per phase: every consumer thread
    });
    expectMatches(*f, sm90a());
  }
}

// A kernel that fits four blocks per SM without a producer and two with it keeps the single-role
// pipeline.
TEST(WarpSpecialize, NotWhenTwoBlocksFitAnSM) {
  PrimFuncPtr f = gemmKernel(256, 256, 256, 128, 128, 32, 3);
  Kernel k = lowerForGpu(*f, sm90a());
  EXPECT_TRUE(k.usesTma);
  EXPECT_FALSE(rolesOf(k.body));
  EXPECT_EQ(k.threads, 128);
}

// A tile used before the pipeline, whose bytes alias-shared-tiles gives to the stages (their live
// ranges do not meet): a producer would fill the stages from the kernel's start, under the
// consumers still reading it. Such a kernel keeps the single-role pipeline, and matches.
TEST(WarpSpecialize, NotWhenATileBeforeThePipelineSharesTheStagesBytes) {
  PrimFuncPtr g = gemmKernel(256, 256, 512, 128, 128, 64, 4);
  Buffer D = buf("D", {256, 64}, DType::Float16, Scope::Global);
  Buffer X = buf("X_s", {128, 64}, DType::Float16, Scope::Shared);
  const Buffer &A = g->params[0];
  Var by = g->blockVars[1];
  Expr row0 = ir::mul(by, intImm(128));
  Stmt before = seq({std::make_shared<Copy>(region(A, {row0, intImm(0)}, {128, 64}), fullRegion(X)),
                     std::make_shared<Copy>(fullRegion(X), region(D, {row0, intImm(0)}, {128, 64}))});
  std::vector<Buffer> params = g->params, allocs = g->allocs;
  params.push_back(D), allocs.push_back(X);
  PrimFuncPtr f = kernel("gemm_after_a_tile", params, {2, 2}, allocs, g->blockVars, seq({before, g->body}));
  Kernel oneRole = lowerForGpu(*f, sm90aOneRole());
  SharedAliases aliases = oneRole.sharedAliases();
  bool shares = false;
  for (auto &[b, others] : aliases)
    if (b->name == "X_s")
      shares = !others.empty();
  ASSERT_TRUE(shares) << "the test needs X_s to share bytes with the stages";
  Kernel k = lowerForGpu(*f, sm90a());
  EXPECT_FALSE(rolesOf(k.body));
  expectMatches(*f, sm90a());
}

class BrokenWarpSpecialization : public ::testing::Test {
protected:
  PrimFuncPtr f = gemmKernel(128, 256, 512, 128, 128, 64, 4);
  Kernel k = lowerForGpu(*f, sm90a());
  void SetUp() override { ASSERT_TRUE(rolesOf(k.body)); }
  // The kernel with `f` applied to each statement of the consumers' (producer's) role.
  void editRole(bool producer, const std::function<SStmt(const SStmt &)> &edit) {
    k.body = rewrite(k.body, [](const SStmt &s) { return s; }); // a copy whose roles we may rebuild
    std::function<SStmt(const SStmt &)> walk = [&](const SStmt &s) -> SStmt {
      if (auto *i = s->as<SIf>(); i && i->roles)
        return std::make_shared<SIf>(i->cond, producer ? rewrite(i->thenBody, edit) : i->thenBody,
                                     producer ? i->elseBody : rewrite(i->elseBody, edit), i->roles);
      if (auto *q = s->as<SSeq>()) {
        std::vector<SStmt> out;
        for (const SStmt &c : q->stmts)
          out.push_back(walk(c));
        return std::make_shared<SSeq>(out);
      }
      return s;
    };
    k.body = walk(k.body);
  }
};

// Consumers that never release a stage: the producer waits for an empty phase that never comes
// while the consumers wait for data it never sends.
TEST_F(BrokenWarpSpecialization, NoReleaseIsADeadlock) {
  editRole(false, [](const SStmt &s) -> SStmt {
    auto *m = s->as<SMbarrier>();
    return m && m->what == SMbarrier::What::Arrive ? nothing() : s;
  });
  expectError(*f, k, "deadlock: every role of the warp-specialized kernel waits for another");
}

// A producer that does not wait for the stage to be released runs a whole round of stages ahead:
// it arrives on a full barrier whose previous phase nobody has consumed yet.
TEST_F(BrokenWarpSpecialization, RefillWithoutWaitingForTheRelease) {
  editRole(true, [](const SStmt &s) -> SStmt {
    auto *m = s->as<SMbarrier>();
    return m && m->what == SMbarrier::What::Wait ? nothing() : s;
  });
  expectError(*f, k, "already has all its arrivals and has not completed");
}

// Consumers that release a stage as soon as its data has landed, before reading it: the
// producer's refill overwrites what they (their wgmmas) still read.
TEST_F(BrokenWarpSpecialization, ReleaseBeforeTheReads) {
  Buffer empty;
  forEachStmt(k.body, [&](const SStmt &x) {
    if (auto *m = x->as<SMbarrier>(); m && m->what == SMbarrier::What::Arrive)
      empty = m->bar;
  });
  ASSERT_TRUE(empty);
  editRole(false, [&](const SStmt &s) -> SStmt {
    auto *m = s->as<SMbarrier>();
    if (m && m->what == SMbarrier::What::Arrive)
      return nothing();
    if (m && m->what == SMbarrier::What::Wait && m->bar != empty)
      return sseq({s, std::make_shared<SMbarrier>(SMbarrier::What::Arrive, empty, m->idx)});
    return s;
  });
  expectError(*f, k, "TMA into");
}

// A named barrier that counts other threads than reach it.
TEST_F(BrokenWarpSpecialization, NamedBarrierOfTheWrongCount) {
  editRole(false, [](const SStmt &s) -> SStmt {
    auto *b = s->as<SBarrier>();
    return b && b->id ? std::make_shared<SBarrier>(b->id, b->threads / 2) : s;
  });
  expectError(*f, k, "named barrier 1 of 64 threads reached by 128");
}

} // namespace
} // namespace tilec::gpu::test
