// The access query (ir/Accesses.h): what each statement reads and writes, tile ops included, in
// program order.
#include "ir/Accesses.h"

#include "Tiles.h"

#include <gtest/gtest.h>

using namespace tilec::ir;
using tilec::ir::test::tile;

namespace {

// "r:x" / "w:x" for each access, an element access with its index count ("r:x[1]").
std::vector<std::string> describe(const std::vector<Access> &acc) {
  std::vector<std::string> out;
  for (const Access &a : acc) {
    std::string s = std::string(a.write ? "w:" : "r:") + a.buffer->name;
    if (a.indices)
      s += "[" + std::to_string(a.indices->size()) + "]";
    EXPECT_NE(a.indices == nullptr, a.region == nullptr) << s << ": an element or a region, never both";
    out.push_back(s);
  }
  return out;
}

using Names = std::vector<std::string>;

} // namespace

TEST(Accesses, StoreComesAfterTheLoadsOfItsIndicesAndValue) {
  Buffer x = tile("x", {8}), y = tile("y", {8}), idx = tile("idx", {8});
  Var i = var("i");
  Stmt s = std::make_shared<Store>(y, std::vector<Expr>{load(idx, {i})},
                                   add(load(x, {load(idx, {i})}), load(y, {i})));
  EXPECT_EQ(describe(accessesOf(s)), (Names{"r:idx[1]", "r:idx[1]", "r:x[1]", "r:y[1]", "w:y[1]"}));
}

TEST(Accesses, GemmReadsItsAccumulatorUnlessItClearsIt) {
  Buffer a = tile("A", {16, 8}, Scope::Shared), b = tile("B", {8, 16}, Scope::Shared), c = tile("C", {16, 16});
  Stmt acc = std::make_shared<Gemm>(fullRegion(a), fullRegion(b), fullRegion(c), false, false);
  Stmt clear = std::make_shared<Gemm>(fullRegion(a), fullRegion(b), fullRegion(c), false, false, /*clear=*/true);
  EXPECT_EQ(describe(accessesOf(acc)), (Names{"r:A", "r:B", "r:C", "w:C"}));
  EXPECT_EQ(describe(accessesOf(clear)), (Names{"r:A", "r:B", "w:C"}));
}

TEST(Accesses, ReduceReadsItsDestinationOnlyWhenItCombines) {
  Buffer s = tile("S", {4, 8}), d = tile("D", {4});
  Stmt combine = std::make_shared<Reduce>(ReduceKind::Max, fullRegion(s), fullRegion(d), 1, /*clear=*/false);
  Stmt clear = std::make_shared<Reduce>(ReduceKind::Max, fullRegion(s), fullRegion(d), 1, /*clear=*/true);
  EXPECT_EQ(describe(accessesOf(combine)), (Names{"r:S", "r:D", "w:D"}));
  EXPECT_EQ(describe(accessesOf(clear)), (Names{"r:S", "w:D"}));
}

TEST(Accesses, TileOpsCountTheLoadsInTheirBoundsAndValues) {
  Buffer x = tile("x", {4, 4}), v = tile("v", {4}), o = tile("o", {8, 4}), row = tile("row", {1}, Scope::Local);
  Var i = var("i"), j = var("j");
  Region dst{o, {load(row, {intImm(0)}), intImm(0)}, {intImm(4), intImm(4)}, {}};
  Stmt map = std::make_shared<Map>(std::vector<Var>{i, j}, dst, add(load(x, {i, j}), load(v, {i})));
  EXPECT_EQ(describe(accessesOf(map)), (Names{"r:row[1]", "r:x[2]", "r:v[1]", "w:o"}));
  Stmt fill = std::make_shared<Fill>(fullRegion(v), load(row, {intImm(0)}));
  EXPECT_EQ(describe(accessesOf(fill)), (Names{"r:row[1]", "w:v"}));
  EXPECT_EQ(describe(accessesOf(*map->as<Map>())), describe(accessesOf(map)));
}

TEST(Accesses, NestedStatementsFollowTheLoadsInTheirBounds) {
  Buffer n = tile("n", {1}, Scope::Local), a = tile("a", {8}, Scope::Shared), b = tile("b", {8}, Scope::Shared);
  Var k = var("k");
  Stmt copy = std::make_shared<Copy>(fullRegion(a), fullRegion(b));
  Stmt body = std::make_shared<For>(k, intImm(0), load(n, {intImm(0)}), ForKind::Serial, copy);
  EXPECT_EQ(describe(accessesOf(body)), (Names{"r:n[1]", "r:a", "w:b"}));
}
