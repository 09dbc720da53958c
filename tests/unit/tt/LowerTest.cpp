// The TT passes on hand-built Tile IR: staging, CB plan, work split, and the printed kernels.
#include "TTKernels.h"

#include "target/tt/Passes.h"
#include "target/tt/TT.h"
#include "target/tt/TTUtil.h"

#include <gtest/gtest.h>

namespace tilec::tt {
namespace {

using testing::elementwiseAdd;
using testing::gemm;

std::shared_ptr<TTProgram> lowerWith(std::shared_ptr<ir::PrimFunc> f, TTOptions opts = {}) {
  return lowerToTT(*f, opts);
}

bool contains(const std::string &text, const std::string &what) { return text.find(what) != std::string::npos; }

TEST(TTLower, ElementwiseAddStagesThroughInputAndOutputCBs) {
  auto p = lowerWith(elementwiseAdd(64, 96));
  ASSERT_EQ(p->cbs.size(), 3u);
  int inputs = 0, outputs = 0;
  for (const CbPlan &cb : p->cbs) {
    inputs += cb.role == CbRole::Input;
    outputs += cb.role == CbRole::Output;
    EXPECT_EQ(cb.valueTiles, 1);
  }
  EXPECT_EQ(inputs, 2);
  EXPECT_EQ(outputs, 1);
  Artifacts a = emitTTArtifacts(*p);
  const std::string &compute = a["kernels/compute.cpp"];
  EXPECT_TRUE(contains(compute, "add_tiles(cb_A_tile, cb_B_tile, 0, 0, 0);")) << compute;
  EXPECT_TRUE(contains(compute, "namespace NAMESPACE")) << compute;
  EXPECT_TRUE(contains(a["kernels/reader.cpp"], "noc_async_read_page(")) << a["kernels/reader.cpp"];
  EXPECT_TRUE(contains(a["host.cpp"], "CreateDevice(0)"));
}

TEST(TTLower, ApiLevel2026SpellsKernelMainTensorAccessorAndMesh) {
  TTOptions opts;
  opts.apiLevel = ApiLevel::V2026;
  auto p = lowerWith(elementwiseAdd(64, 64), opts);
  Artifacts a = emitTTArtifacts(*p);
  EXPECT_TRUE(contains(a["kernels/compute.cpp"], "void kernel_main()"));
  EXPECT_TRUE(contains(a["kernels/compute.cpp"], "#include \"api/compute/eltwise_binary.h\""));
  EXPECT_TRUE(contains(a["kernels/reader.cpp"], "TensorAccessorArgs<0>()"));
  EXPECT_TRUE(contains(a["kernels/reader.cpp"], "noc_async_read_page("));
  EXPECT_TRUE(contains(a["host.cpp"], "MeshDevice::create_unit_mesh(0)"));
  EXPECT_TRUE(contains(a["host.cpp"], "TensorAccessorArgs(*A_buffer).append_to(reader_args)"));
}

TEST(TTLower, GemmKeepsSmallAccumulatorInDst) {
  auto p = lowerWith(gemm(128, 128, 128, 64, 64, 32));
  EXPECT_TRUE(p->compute.fp32DestAcc);
  EXPECT_EQ(p->compute.dstTiles, 4);
  Artifacts a = emitTTArtifacts(*p);
  const std::string &compute = a["kernels/compute.cpp"];
  EXPECT_TRUE(contains(compute, "stays in DST")) << compute;
  EXPECT_TRUE(contains(compute, "mm_init(")) << compute;
  EXPECT_TRUE(contains(compute, "matmul_tiles(cb_A_shared, cb_B_shared,")) << compute;
}

TEST(TTLower, GemmDstResidentAccumulatorUsesMatmulBlockBelowHiFi4) {
  TTOptions opts;
  opts.mathFidelity = "HiFi2";
  auto p = lowerWith(gemm(128, 128, 128, 64, 64, 32), opts);
  Artifacts a = emitTTArtifacts(*p);
  const std::string &compute = a["kernels/compute.cpp"];
  EXPECT_TRUE(contains(compute, "stays in DST")) << compute;
  // the 2 x 2 accumulator in DST[0..4) is one rt x ct block: one matmul_block per K tile (4 per transfer)
  EXPECT_TRUE(contains(compute, "mm_block_init_short(cb_A_shared, cb_B_shared, 0, 2, 2, 4);")) << compute;
  EXPECT_TRUE(contains(compute, "matmul_block(cb_A_shared, cb_B_shared, kk, kk * 2, 0, 0, 2, 2, 4);")) << compute;
  EXPECT_FALSE(contains(compute, "matmul_tiles(")) << compute;
}

TEST(TTLower, GemmAccumulatesLargeBlocksInL1) {
  auto p = lowerWith(gemm(256, 256, 128, 128, 128, 32));
  Artifacts a = emitTTArtifacts(*p);
  const std::string &compute = a["kernels/compute.cpp"];
  EXPECT_FALSE(contains(compute, "stays in DST")) << compute;
  // partials stay in L1: the packer accumulates onto them instead of a copy_tile reload
  EXPECT_TRUE(contains(compute, "pack_reconfig_l1_acc(1);")) << compute;
  size_t copies = 0;
  for (size_t at = compute.find("copy_tile(cb_C_local"); at != std::string::npos; at = compute.find("copy_tile(cb_C_local", at + 1))
    ++copies;
  EXPECT_EQ(copies, 1u) << compute; // only the final copy into the output CB
  // each DST chunk (a 1 x 4 row of C's tiles with fp32 DST) is one matmul_block per K tile
  EXPECT_TRUE(contains(compute, "mm_block_init_short(cb_A_shared, cb_B_shared, 0, 4, 1, ")) << compute;
  EXPECT_TRUE(contains(compute, "matmul_block(cb_A_shared, cb_B_shared,")) << compute;
  EXPECT_FALSE(contains(compute, "matmul_tiles(")) << compute;

}

TEST(TTLower, GemmDefaultsToMulticastAndChunkedK) {
  auto p = lowerWith(gemm(512, 512, 256, 64, 64, 32));
  EXPECT_EQ(p->schedule.policy, "block_linear");
  ASSERT_EQ(p->mcasts.size(), 2u);
  EXPECT_TRUE(p->mcasts[0].alongRow);   // A: same `by` across a core row
  EXPECT_FALSE(p->mcasts[1].alongRow);  // B: same `bx` down a core column
  EXPECT_TRUE(p->mcasts[1].inWriter);
  Artifacts a = emitTTArtifacts(*p);
  EXPECT_TRUE(contains(a["kernels/reader.cpp"], "noc_async_write_multicast(")) << a["kernels/reader.cpp"];
  EXPECT_TRUE(contains(a["kernels/writer.cpp"], "noc_semaphore_inc(")) << a["kernels/writer.cpp"];
  EXPECT_TRUE(contains(a["kernels/reader.cpp"], "+: 256]")) << a["kernels/reader.cpp"]; // 8 K tiles per transfer
  EXPECT_TRUE(contains(a["host.cpp"], "CreateSemaphore(program, cores, 0)"));
}

TEST(TTLower, MatmulTilesArgumentCountFollowsApiLevel) {
  for (ApiLevel level : {ApiLevel::V2025, ApiLevel::V2026}) {
    TTOptions opts;
    opts.apiLevel = level;
    auto p = lowerWith(gemm(64, 64, 64, 32, 32, 32), opts);
    std::string compute = emitTTArtifacts(*p)["kernels/compute.cpp"];
    auto at = compute.find("matmul_tiles(");
    ASSERT_NE(at, std::string::npos);
    std::string call = compute.substr(at, compute.find(')', at) - at);
    size_t commas = std::count(call.begin(), call.end(), ',');
    EXPECT_EQ(commas, level == ApiLevel::V2025 ? 5u : 4u) << call;
  }
}

TEST(TTSchedule, ContiguousSplitGivesFirstCoresOneMore) {
  SchedulePlan s;
  s.coresX = 2, s.coresY = 2;
  BlockAssignment a = assignBlocks(s, 5, 2, 1); // 10 blocks on 4 cores: 3 3 2 2
  ASSERT_EQ(a.blocks.size(), 4u);
  EXPECT_EQ(a.blocks[0].size(), 3u);
  EXPECT_EQ(a.blocks[1].size(), 3u);
  EXPECT_EQ(a.blocks[2].size(), 2u);
  EXPECT_EQ(a.blocks[3].size(), 2u);
  EXPECT_EQ(a.blocks[1][0], (std::array<int64_t, 3>{3, 0, 0}));
}

TEST(TTSchedule, EveryPolicyAndOrderCoversEachBlockOnce) {
  for (std::string policy : {"contiguous", "strided", "block_linear"})
    for (std::string order : {"row_major", "column_major", "z_order"}) {
      SchedulePlan s;
      s.policy = policy, s.order = order, s.coresX = 3, s.coresY = 2;
      BlockAssignment a = assignBlocks(s, 7, 5, 2);
      std::map<std::array<int64_t, 3>, int> seen;
      for (const auto &core : a.blocks)
        for (const auto &b : core)
          ++seen[b];
      EXPECT_EQ(seen.size(), 70u) << policy << " " << order;
      for (auto &[b, n] : seen)
        EXPECT_EQ(n, 1) << policy << " " << order;
    }
}

TEST(TTValidate, TilesOfThreeDimensionsAreRefused) {
  auto f = gemm(64, 64, 64, 32, 32, 32);
  f->allocs[0] = testing::tile("A_shared", {2, 32, 32});
  EXPECT_THROW(lowerWith(f), CompileError);
}

// A dimension that is not a multiple of 32 is held in ceil(d / 32) tiles (docs/TT_BACKEND.md,
// "Tiles smaller than 32"); a tensor moved in tiles of d < 32 has d per page.
TEST(TTUtil, TileGridPadsDimensionsToWholeTiles) {
  TileGrid g = tileGrid(testing::tile("t", {32, 16}));
  EXPECT_EQ(g.rows, 1);
  EXPECT_EQ(g.cols, 1);
  g = tileGrid(testing::tile("t", {48, 64}));
  EXPECT_EQ(g.rows, 2);
  EXPECT_EQ(g.cols, 2);
  g = tileGrid(testing::tile("t", {1, 8}));
  EXPECT_EQ(g.count(), 1);
  EXPECT_EQ(elementsPerTile(16), 16);
  EXPECT_EQ(elementsPerTile(1), 1);
  EXPECT_EQ(elementsPerTile(48), 32);
  EXPECT_EQ(elementsPerTile(64), 32);
}

TEST(TTUtil, DivideByPageSizeBelow32) {
  ir::Var ko = ir::var("ko");
  auto e = divideByTile(ir::mul(ko, ir::intImm(16)), 16);
  ASSERT_TRUE(e);
  EXPECT_EQ(cxx(*e), cxxName(ko));
  EXPECT_FALSE(divideByTile(ir::mul(ko, ir::intImm(8)), 16));
  auto one = divideByTile(ir::add(ko, ir::intImm(3)), 1); // pages of one row: the index itself
  ASSERT_TRUE(one);
  EXPECT_EQ(cxx(*one), cxxName(ko) + " + 3");
}

TEST(TTUtil, DivideByTileSimplifiesVisibleMultiples) {
  ir::Var by = ir::var("by");
  auto e = divideByTile(ir::mul(by, ir::intImm(64)));
  ASSERT_TRUE(e);
  EXPECT_EQ(cxx(*e), cxxName(by) + " * 2"); // the name is chosen when the program is printed
  EXPECT_FALSE(divideByTile(ir::add(ir::mul(by, ir::intImm(64)), ir::intImm(3))));
}

} // namespace
} // namespace tilec::tt
