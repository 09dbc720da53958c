// The staged epilogue (EpilogueDecision.cpp, EpilogueStaging.cpp), alias-shared-tiles and
// gpu-interp's checks of aliased shared memory.
#include "GpuTestKernels.h"

#include "target/gpu/Pipeline.h"

namespace tilec::gpu::test {
namespace {

GpuOptions sm90a() { return GpuOptions::forArch("sm_90a"); }

GpuOptions unstaged(GpuOptions o = {}) {
  o.stageEpilogue = false;
  return o;
}

const Buffer *sharedNamed(const Kernel &k, const std::string &name) {
  for (const Buffer &b : k.shared)
    if (b->name == name)
      return &b;
  return nullptr;
}

// The global report's sites for the stores of C.
std::vector<GlobalSite> cStores(const PrimFunc &f, const GpuOptions &opts) {
  Kernel k = lowerForGpu(f, opts);
  std::vector<interp::Tensor> args = interp::makeInputs(f, {}, 5);
  GlobalReport report;
  runSimt(k, args, {}, nullptr, &report);
  std::vector<GlobalSite> out;
  for (const GlobalSite &s : report.sites())
    if (s.access.find("store C") != std::string::npos)
      out.push_back(s);
  return out;
}

TEST(Epilogue, GemmStoresCIn16ByteLanesFullyCoalesced) {
  PrimFuncPtr f = gemmKernel(128, 128, 64, 128, 128, 32, 3);
  for (const GpuOptions &o : {GpuOptions{}, sm90a()}) {
    std::vector<GlobalSite> sites = cStores(*f, o);
    ASSERT_EQ(sites.size(), 1u);
    EXPECT_EQ(sites[0].access, "vector store C");
    EXPECT_EQ(sites[0].bytesPerLane, 16);
    EXPECT_EQ(sites[0].sectors, sites[0].ideal);
    // off: each thread stores its register pairs (two adjacent fp32 columns) as 8-byte vectors,
    // coalesced but twice the store instructions of the staged 16-byte lanes
    std::vector<GlobalSite> direct = cStores(*f, unstaged(o));
    ASSERT_EQ(direct.size(), 1u);
    EXPECT_EQ(direct[0].bytesPerLane, 8);
    EXPECT_EQ(direct[0].sectors, direct[0].ideal);
    EXPECT_EQ(direct[0].instructions, 2 * sites[0].instructions);
  }
}

TEST(Epilogue, MatchesReferenceForEveryOutputDtypeAndArch) {
  for (DType out : {DType::Float32, DType::Float16, DType::BFloat16})
    for (const GpuOptions &o : {GpuOptions{}, sm90a()}) {
      PrimFuncPtr f = gemmKernel(128, 256, 64, 128, 128, 32, 2, DType::Float16, false, 128, out);
      Kernel k = lowerForGpu(*f, o);
      const Buffer *stage = sharedNamed(k, "C_stage");
      ASSERT_TRUE(stage) << dtypeName(out);
      EXPECT_EQ((*stage)->dtype, out) << "the conversion happens on the fragment -> shared step";
      expectMatches(*f, o);
    }
}

TEST(Epilogue, PartialTilesStayInBounds) {
  // 200 rows: the second block row's vectors past row 199 are guarded whole.
  PrimFuncPtr f = gemmKernel(200, 192, 64, 64, 64, 32, 2);
  expectMatches(*f);
  expectMatches(*f, sm90a());
  ASSERT_TRUE(sharedNamed(lowerForGpu(*f, {}), "C_stage"));
}

TEST(Epilogue, StagingReusesThePipelineTiles) {
  PrimFuncPtr f = gemmKernel(128, 128, 64, 128, 128, 32, 3);
  for (const GpuOptions &o : {GpuOptions{}, sm90a()}) {
    Kernel staged = lowerForGpu(*f, o), direct = lowerForGpu(*f, unstaged(o));
    EXPECT_EQ(staged.sharedBytes(), direct.sharedBytes()) << "shared memory must not grow";
    EXPECT_TRUE(staged.sharedAliased());
    EXPECT_FALSE(direct.sharedAliased());
    EXPECT_TRUE(direct.sharedAt.empty()) << "kernels with nothing to share keep their layout";
    // 128 x 128 fp32 rows padded to 136 floats do not fit in the 48 KiB of A/B: two slabs of 64.
    const Buffer *stage = sharedNamed(staged, "C_stage");
    ASSERT_TRUE(stage);
    EXPECT_EQ(staticShape(*stage), (std::vector<int64_t>{64, 136}));
  }
}

TEST(Epilogue, StagingStoresAndLoadsAreConflictFree) {
  for (DType out : {DType::Float32, DType::Float16}) {
    PrimFuncPtr f = gemmKernel(128, 128, 64, 128, 128, 32, 3, DType::Float16, false, 128, out);
    std::vector<interp::Tensor> args = interp::makeInputs(*f, {}, 5);
    BankReport banks;
    runSimt(lowerForGpu(*f, {}), args, {}, &banks);
    int sites = 0;
    for (const BankSite &s : banks.sites())
      if (s.access.find("C_stage") != std::string::npos) {
        ++sites;
        EXPECT_EQ(s.extra(), 0) << s.access << " in " << s.op;
      }
    EXPECT_EQ(sites, 2) << dtypeName(out);
  }
}

TEST(Epilogue, NotStagedWhenRowsAreTooNarrow) {
  // 64 x 16 fp32 tile: rows of 64 bytes, under the 128 a quarter warp's reads need.
  PrimFuncPtr f = gemmKernel(64, 64, 32, 64, 16, 32, 1, DType::Float16, false, 64);
  Kernel k = lowerForGpu(*f, {});
  EXPECT_FALSE(sharedNamed(k, "C_stage"));
  expectMatches(*f);
}

// ---- alias-shared-tiles and the interpreter's byte model, on hand-built SIMT kernels

// Two shared arrays X, Y of 128 floats and an output O[128]; `ops` is the body.
struct Aliased {
  Buffer X = makeBuffer("X", {128}, DType::Float32, Scope::Shared);
  Buffer Y = makeBuffer("Y", {128}, DType::Float32, Scope::Shared);
  Buffer O = makeBuffer("O", {128}, DType::Float32, Scope::Global);
  Buffer G = makeBuffer("G", {128}, DType::Float32, Scope::Global);
  Kernel k;
  Aliased() {
    k.name = "aliased";
    k.params = {O, G};
    k.grid = {sx::i32(1)};
    k.blockVars = {var("bx")};
    k.threadIdx = var("tx");
    k.shared = {X, Y};
    k.paramWritten = {true, false};
  }
  Expr tx() const { return k.threadIdx; }
  Expr next() const { return sx::mod(sx::plus(k.threadIdx, sx::i32(1)), sx::i32(128)); }
  SStmt op(const std::string &what, SStmt s) const { return std::make_shared<SOp>(what, std::move(s)); }
  std::string run(SStmt body, bool alias = true) {
    k.body = std::move(body);
    k.sharedAt = alias ? std::vector<int64_t>{0, 0} : std::vector<int64_t>{};
    std::vector<interp::Tensor> args(2);
    args[0].dtype = args[1].dtype = DType::Float32;
    args[0].shape = args[1].shape = {128};
    args[0].data.assign(128, 0.0), args[1].data.assign(128, 1.0);
    try {
      runSimt(k, args, {});
    } catch (const CompileError &e) {
      return e.what();
    }
    return "";
  }
};

SStmt barrier() { return std::make_shared<SBarrier>(); }

TEST(AliasedSharedMemory, StaleReadThroughAnotherAliasIsAnError) {
  Aliased a;
  SStmt body = sseq({a.op("X = G", sstore(a.X, {a.tx()}, sx::ld(a.G, {a.tx()}))), barrier(),
                     a.op("Y = 2", sstore(a.Y, {a.tx()}, floatImm(2.0))), barrier(),
                     a.op("O = X", sstore(a.O, {a.tx()}, sx::ld(a.X, {a.next()})))});
  std::string err = a.run(body);
  EXPECT_NE(err.find("reads X[1], whose shared bytes were last written through Y"), std::string::npos) << err;
  EXPECT_EQ(a.run(body, false), "") << "separate bytes: no error";
}

TEST(AliasedSharedMemory, WriteOverAnotherAliasReadWithoutBarrierIsARace) {
  Aliased a;
  SStmt body = sseq({a.op("X = G", sstore(a.X, {a.tx()}, sx::ld(a.G, {a.tx()}))), barrier(),
                     a.op("O = X", sstore(a.O, {a.tx()}, sx::ld(a.X, {a.next()}))),
                     a.op("Y = 2", sstore(a.Y, {a.tx()}, floatImm(2.0)))});
  std::string err = a.run(body);
  EXPECT_NE(err.find("data race on aliased shared memory: thread 0 writes Y[0] over bytes thread 127 read through X"),
            std::string::npos)
      << err;
  EXPECT_EQ(a.run(body, false), "");
  // insert-barriers, told that X and Y share bytes, puts the missing barrier in.
  a.k.sharedAt = {0, 0};
  SStmt fixed = insertBarriers(body, a.k.sharedAliases());
  EXPECT_EQ(a.run(fixed), "");
  EXPECT_NE(a.run(insertBarriers(body)).find("data race on aliased shared memory"), std::string::npos)
      << "without the aliases the barrier is missing";
}

TEST(AliasedSharedMemory, WriteUnderAnInFlightCpAsyncIsAnError) {
  Aliased a;
  SStmt copy = std::make_shared<SCpAsync>(a.X, std::vector<Expr>{sx::times(a.tx(), sx::i32(4))}, a.G,
                                          std::vector<Expr>{sx::times(a.tx(), sx::i32(4))}, 4, nullptr);
  SStmt issue = sif(sx::lt(a.tx(), sx::i32(32)), copy);
  SStmt body = sseq({a.op("cp.async X", issue), std::make_shared<SCpAsyncCommit>(),
                     a.op("Y = 2", sstore(a.Y, {a.tx()}, floatImm(2.0)))});
  std::string err = a.run(body);
  EXPECT_NE(err.find("writes Y[0], whose shared bytes a cp.async to X still has in flight"), std::string::npos)
      << err;
  EXPECT_EQ(a.run(body, false), "");
}

TEST(AliasSharedTiles, DisjointLiveRangesShareBytesAndCpAsyncIsDrained) {
  Aliased a;
  SStmt copy = std::make_shared<SCpAsync>(a.X, std::vector<Expr>{sx::times(a.tx(), sx::i32(4))}, a.G,
                                          std::vector<Expr>{sx::times(a.tx(), sx::i32(4))}, 4, nullptr);
  a.k.body = sseq({a.op("cp.async X", sif(sx::lt(a.tx(), sx::i32(32)), copy)), std::make_shared<SCpAsyncCommit>(),
                   a.op("Y = 2", sstore(a.Y, {a.tx()}, floatImm(2.0))),
                   a.op("O = Y", sstore(a.O, {a.tx()}, sx::ld(a.Y, {a.next()})))});
  aliasSharedTiles(a.k);
  EXPECT_EQ(a.k.sharedAt, (std::vector<int64_t>{0, 0}));
  std::string printed = printSimt(a.k);
  EXPECT_NE(printed.find("shared Y: float32[128] at byte 0 (shares bytes with X)"), std::string::npos) << printed;
  EXPECT_NE(printed.find("cp_async_commit\n  cp_async_wait 0\n  op Y = 2:"), std::string::npos) << printed;
  a.k.body = insertBarriers(a.k.body, a.k.sharedAliases());
  std::vector<interp::Tensor> args(2);
  args[0].dtype = args[1].dtype = DType::Float32;
  args[0].shape = args[1].shape = {128};
  args[0].data.assign(128, 0.0), args[1].data.assign(128, 1.0);
  runSimt(a.k, args, {});
  EXPECT_EQ(args[0].data[5], 2.0);
}

TEST(AliasSharedTiles, OverlappingLiveRangesKeepSeparateBytes) {
  Aliased a;
  a.k.body = sseq({a.op("X = G", sstore(a.X, {a.tx()}, sx::ld(a.G, {a.tx()}))),
                   a.op("Y = X", sstore(a.Y, {a.tx()}, sx::ld(a.X, {a.next()}))),
                   a.op("O = Y", sstore(a.O, {a.tx()}, sx::ld(a.Y, {a.next()})))});
  aliasSharedTiles(a.k);
  EXPECT_TRUE(a.k.sharedAt.empty());
  EXPECT_FALSE(a.k.sharedAliased());
}

TEST(AliasSharedTiles, ABufferUsedInALoopIsLiveForTheWholeLoop) {
  Aliased a;
  Var it = var("it");
  // X is written once before the loop and read at the top of every iteration; Y is used after
  // that read. In program order their uses are disjoint, but the next iteration reads X again.
  SStmt loop = std::make_shared<SFor>(it, sx::i32(0), sx::i32(2), false,
                                      sseq({a.op("O = X", sstore(a.O, {a.tx()}, sx::ld(a.X, {a.next()}))),
                                            a.op("Y = 1", sstore(a.Y, {a.tx()}, floatImm(1.0))),
                                            a.op("O = Y", sstore(a.O, {a.tx()}, sx::ld(a.Y, {a.next()})))}));
  a.k.body = sseq({a.op("X = G", sstore(a.X, {a.tx()}, sx::ld(a.G, {a.tx()}))), loop});
  aliasSharedTiles(a.k);
  EXPECT_FALSE(a.k.sharedAliased()) << printSimt(a.k);
}

} // namespace
} // namespace tilec::gpu::test
