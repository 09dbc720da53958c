// The typed kernel IR: the index-arithmetic helper, how expressions print, structural name use, and
// SDK calls vetted by the API table wherever they appear.
#include "target/tt/ApiTable.h"
#include "target/tt/KernelIR.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tilec::tt {
namespace {

std::string text(const KExpr &e) { return printKExpr(e, &apiTable(ApiLevel::V2026)); }

TEST(TTKernelExpr, ArithmeticFoldsIdentitiesAndGathersOffsetsOnly) {
  KExpr t = kName("t"), u = kName("u");
  EXPECT_EQ(text(add(kInt(0), t)), "t");
  EXPECT_EQ(text(mul(t, 1)), "t");
  EXPECT_EQ(text(mul(kInt(0), t)), "0");
  EXPECT_EQ(text(div(t, 1)), "t");
  EXPECT_EQ(text(mod(t, 1)), "0");
  EXPECT_EQ(text(add(add(kInt(1), 1), 1)), "3");                 // DST slot 1, the one after it, ...
  EXPECT_EQ(text(add(add(mul(u, 2), 1), 1)), "u * 2 + 2");
  EXPECT_EQ(text(mul(kInt(2), kInt(4))), "2 * 4");                // products are printed as built
  EXPECT_EQ(text(kBinary(KOp::Mul, kInt(1), kInt(2048))), "1 * 2048");
}

TEST(TTKernelExpr, ParenthesesFollowTheStructure) {
  KExpr t = kName("t"), kk = kName("kk");
  // integer division does not associate with multiplication: its grouping is shown
  EXPECT_EQ(text(add(mul(div(t, 4), 2), kk)), "(t / 4) * 2 + kk");
  EXPECT_EQ(text(add(mul(mod(t, 4), 2), div(t, 4))), "(t % 4) * 2 + t / 4");
  EXPECT_EQ(text(mul(add(t, kk), 3)), "(t + kk) * 3");
  EXPECT_EQ(text(mul(mul(t, 2), 3)), "t * 2 * 3");
  EXPECT_EQ(text(mod(div(kName("pos"), kName("gy")), kName("gx"))), "(pos / gy) % gx");
  EXPECT_EQ(text(div(kName("pos"), mul(kName("a"), kName("b")))), "pos / (a * b)");
  // a bound reads as one quantity; a sum on the left is grouped too
  KExpr tiles = div(add(kName("n"), 31), 32);
  EXPECT_EQ(text(mul(kName("r"), tiles)), "r * ((n + 31) / 32)");
  EXPECT_EQ(text(kBinary(KOp::Lt, add(t, kk), tiles)), "(t + kk) < ((n + 31) / 32)");
  EXPECT_EQ(text(kBinary(KOp::Lt, t, kName("n"))), "t < n");
  KExpr both = conjunction({kBinary(KOp::Lt, t, kName("n")), kBinary(KOp::Lt, kk, kName("m"))});
  EXPECT_EQ(text(both), "t < n && kk < m");
  EXPECT_EQ(text(kNot(both)), "!(t < n && kk < m)");
  EXPECT_EQ(text(kNot(kName("is_sender"))), "!is_sender");
}

TEST(TTKernelExpr, BitPatternsSayTheirValue) {
  EXPECT_EQ(text(kFloatBits(2.0)), "0x40000000u /* 2.0 */");
  EXPECT_EQ(text(kFloatBits(0.5)), "0x3f000000u /* 0.5 */");
  EXPECT_EQ(text(kBf16PairBits(1.0)), "0x3F803F80u /* 1.0 bf16 x2 */");
  EXPECT_EQ(text(kFloat(-INFINITY)), "-INFINITY");
}

TEST(TTKernelExpr, CallsInsideArgumentsAreSpelledByTheTable) {
  KExpr l1 = kCallExpr("get_write_ptr", {kName("cb_a")});
  EXPECT_EQ(text(kCallExpr("get_noc_multicast_addr", {kName("x0"), kName("y0"), kName("x1"), kName("y1"), l1})),
            "get_noc_multicast_addr(x0, y0, x1, y1, get_write_ptr(cb_a))");
  EXPECT_EQ(text(kCallExpr("next_compile_time_args_offset", {kName("a_args")})),
            "a_args.next_compile_time_args_offset()");
  EXPECT_THROW(printKExpr(l1), std::logic_error); // no table: nothing unvetted is printed
  // the 2025 level has no TensorAccessor
  EXPECT_THROW(printKExpr(kCallExpr("tensor_accessor_args", {}, {kInt(0)}), &apiTable(ApiLevel::V2025)),
               std::logic_error);
  EXPECT_THROW(text(kCallExpr("noc_semaphore_frobnicate", {})), std::logic_error);
}

TEST(TTKernelExpr, NameUseIsStructural) {
  KBody body = {kComment("t is mentioned here only in prose"),
                kFor(kName("u"), kInt(0), kInt(4), {kCall("pack_tile", {add(kName("t0"), kName("u")), kName("cb_out")})})};
  EXPECT_FALSE(usesName(body, "t"));
  EXPECT_TRUE(usesName(body, "t0"));
  EXPECT_TRUE(usesName(body, "cb_out"));
  std::vector<std::string> ids = identifiersUsed(body);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "cb_out"), 1);
}

TEST(TTKernelExpr, RemovingAHoistedInitComparesStructure) {
  KStmt init = kCall("copy_init", {kName("cb_a")});
  EXPECT_TRUE(sameStmt(init, kCall("copy_init", {kName("cb_a")})));
  EXPECT_FALSE(sameStmt(init, kCall("copy_init", {kName("cb_b")})));
  EXPECT_FALSE(sameStmt(kCall("reduce_uninit", {kName("o")}, {kConst(KConst::ReduceRow)}),
                        kCall("reduce_uninit", {kName("o")}, {kConst(KConst::ReduceCol)})));
}

} // namespace
} // namespace tilec::tt
