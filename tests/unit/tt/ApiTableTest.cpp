// The per-level spelling tables (docs/TT_BACKEND.md "API audit"): canonical calls in, the SDK's call out.
#include "target/tt/ApiTable.h"
#include "target/tt/KernelIR.h"

#include "ir/Intrinsics.h"

#include <gtest/gtest.h>

namespace tilec::tt {
namespace {

std::string spell(ApiLevel level, const std::string &op, std::vector<std::string> args,
                  std::vector<std::string> tmpl = {}) {
  return apiTable(level).spell(kCall(op, std::move(args), std::move(tmpl)));
}

TEST(TTApiTable, SfpuBinaryOpsPassTheirOutputSlotAtBothLevels) {
  for (ApiLevel level : {ApiLevel::V2025, ApiLevel::V2026}) {
    EXPECT_EQ(spell(level, "add_binary_tile", {"0", "1", "0"}), "add_binary_tile(0, 1, 0)");
    EXPECT_EQ(spell(level, "binary_max_tile", {"2", "3", "2"}), "binary_max_tile(2, 3, 2)");
  }
}

TEST(TTApiTable, MatmulArgumentCountFollowsTheLevel) {
  std::vector<std::string> args = {"cb0", "cb1", "0", "0", "0", "0"};
  EXPECT_EQ(spell(ApiLevel::V2025, "matmul_tiles", args), "matmul_tiles(cb0, cb1, 0, 0, 0, 0)");
  EXPECT_EQ(spell(ApiLevel::V2026, "matmul_tiles", args), "matmul_tiles(cb0, cb1, 0, 0, 0)");
}

TEST(TTApiTable, MatmulBlockKeepsTransposeAndItsInitFollowsTheLevel) {
  std::vector<std::string> args = {"cb0", "cb1", "0", "0", "0", "1", "4", "2", "1"};
  for (ApiLevel level : {ApiLevel::V2025, ApiLevel::V2026})
    EXPECT_EQ(spell(level, "matmul_block", args), "matmul_block(cb0, cb1, 0, 0, 0, 1, 4, 2, 1)");
  std::vector<std::string> init = {"cb0", "cb1", "0", "4", "2", "1"};
  EXPECT_EQ(spell(ApiLevel::V2025, "matmul_block_init", init), "mm_block_init_short(cb0, cb1, 0, 4, 2, 1)");
  EXPECT_EQ(spell(ApiLevel::V2026, "matmul_block_init", init), "matmul_block_init(cb0, cb1, 0, 4, 2, 1)");
}

TEST(TTApiTable, Level2026UsesTheRenamedInits) {
  EXPECT_EQ(spell(ApiLevel::V2026, "add_tiles_init", {"a", "b"}), "add_init(a, b)");
  EXPECT_EQ(spell(ApiLevel::V2025, "add_tiles_init", {"a", "b"}), "add_tiles_init(a, b)");
  EXPECT_EQ(spell(ApiLevel::V2026, "sub_bcast_cols_init_short", {"a", "b"}), "sub_bcast_cols_init(a, b)");
  EXPECT_EQ(spell(ApiLevel::V2025, "mul_bcast_scalar_init_short", {"a", "b"}),
            "mul_tiles_bcast_scalar_init_short(a, b)");
  EXPECT_EQ(spell(ApiLevel::V2026, "unary_bcast_init", {"a", "o"}, {"BroadcastType::COL"}),
            "unary_bcast_init<BroadcastType::COL>(a)");
  std::vector<std::string> reuse = {"ELWADD", "EltwiseBinaryReuseDestType::DEST_TO_SRCA"};
  EXPECT_EQ(spell(ApiLevel::V2026, "binary_dest_reuse_tiles", {"cb", "0", "1"}, reuse),
            "add_reuse_dest_tiles<EltwiseBinaryReuseDestType::DEST_TO_SRCA>(cb, 0, 1)");
  EXPECT_EQ(spell(ApiLevel::V2025, "binary_dest_reuse_tiles_init", {"cb"}, reuse),
            "binary_dest_reuse_tiles_init<ELWADD, EltwiseBinaryReuseDestType::DEST_TO_SRCA>(cb)");
}

TEST(TTApiTable, SfpuOpsWithoutAHeaderOfTheirOwnUseTheUmbrella) {
  auto h25 = apiTable(ApiLevel::V2025).computeHeaders({"log_tile", "sigmoid_tile", "exp_tile"});
  EXPECT_EQ(h25, (std::set<std::string>{"compute_kernel_api.h", "compute_kernel_api/eltwise_unary/exp.h"}));
  auto h26 = apiTable(ApiLevel::V2026).computeHeaders({"tanh_tile", "transpose_tile"});
  EXPECT_EQ(h26, (std::set<std::string>{"api/compute/compute_kernel_api.h", "api/compute/transpose.h"}));
  EXPECT_EQ(apiTable(ApiLevel::V2026).computeHeaders({"pack_reconfig_data_format"}),
            (std::set<std::string>{"api/compute/reconfig_data_format.h"}));
}

// Each level is one real release (2025: tt-metal v0.63.0, 2026: ttnn 0.81.1); tests/sdk compiles the
// emitted kernels against them. These are the three spellings v0.63.0 rejected.
TEST(TTApiTable, Level2025IsTtMetalV063) {
  EXPECT_EQ(apiTable(ApiLevel::V2025).release, "tt-metal v0.63.0 / ttnn 0.63.0");
  EXPECT_EQ(apiTable(ApiLevel::V2026).release, "ttnn 0.81.1");
  // reduce_revert_delta was removed in v0.60; v0.63 has reduce_uninit() without arguments.
  for (ApiLevel level : {ApiLevel::V2025, ApiLevel::V2026})
    EXPECT_EQ(spell(level, "reduce_uninit", {"cb_out"}, {"ReduceDim::REDUCE_ROW"}), "reduce_uninit()");
  // v0.63's bcast.h has no sub_bcast_rows_init_short / sub_tiles_bcast_rows: the generic full init
  // (which takes the output CB) and the dimension-templated op.
  EXPECT_EQ(spell(ApiLevel::V2025, "sub_bcast_rows_init_short", {"a", "b", "o"}),
            "init_bcast<ELWSUB, BroadcastType::ROW>(a, b, o)");
  EXPECT_EQ(spell(ApiLevel::V2025, "sub_tiles_bcast_rows", {"a", "b", "0", "1", "2"}),
            "sub_tiles_bcast<BroadcastType::ROW>(a, b, 0, 1, 2)");
  EXPECT_EQ(spell(ApiLevel::V2025, "add_bcast_rows_init_short", {"a", "b", "o"}), "add_bcast_rows_init_short(a, b)");
  EXPECT_EQ(spell(ApiLevel::V2026, "sub_bcast_rows_init_short", {"a", "b", "o"}), "sub_bcast_rows_init(a, b)");
  // noc_async_read_tile / write_tile are deprecated in v0.63 in favour of the AddrGen-templated _page.
  EXPECT_EQ(spell(ApiLevel::V2025, "read_page", {"i", "gen", "l1"}), "noc_async_read_page(i, gen, l1)");
  EXPECT_EQ(spell(ApiLevel::V2025, "write_page", {"i", "gen", "l1"}), "noc_async_write_page(i, gen, l1)");
  EXPECT_TRUE(apiTable(ApiLevel::V2025).reduceDefinesFromHost);
  EXPECT_FALSE(apiTable(ApiLevel::V2026).reduceDefinesFromHost);
}

TEST(TTApiTable, EveryIntrinsicSfpuOpIsDeclaredAtBothLevels) {
  for (ApiLevel level : {ApiLevel::V2025, ApiLevel::V2026})
    for (const ir::Intrinsic &in : ir::intrinsics()) {
      if (in.ttSfpu.empty())
        continue;
      std::string op(in.ttSfpu);
      EXPECT_TRUE(apiTable(level).ops.count(op + "_tile")) << op;
      EXPECT_TRUE(apiTable(level).ops.count(op + "_tile_init")) << op;
    }
}

} // namespace
} // namespace tilec::tt
