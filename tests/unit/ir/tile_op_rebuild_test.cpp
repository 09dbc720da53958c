// Rebuilding a tile op (TileOp::rebuild, mapRegions, IRMutator::mutateRegion) keeps every field
// that is not a region or a value: a pass that moves an op onto other buffers changes nothing else.
#include "ir/Functor.h"
#include "ir/Printer.h"

#include "Tiles.h"

#include <gtest/gtest.h>

using namespace tilec::ir;
using tilec::ir::test::tile;

namespace {

// Points every region of `from` at `to` (and only that: loads and stores are left alone).
class RegionMover : public IRMutator {
public:
  RegionMover(Buffer from, Buffer to) : from_(std::move(from)), to_(std::move(to)) {}
  Region mutateRegion(const Region &r) override {
    Region out = IRMutator::mutateRegion(r);
    if (out.buffer == from_)
      out.buffer = to_;
    return out;
  }

private:
  Buffer from_, to_;
};

std::string moved(const Stmt &s, const Buffer &from, const Buffer &to) {
  return printStmt(RegionMover(from, to).mutate(s));
}

} // namespace

TEST(TileOpRebuild, MovingARegionKeepsEveryOtherField) {
  Buffer a = tile("A", {16, 8}, Scope::Shared), b = tile("B", {16, 8}, Scope::Shared), c = tile("C", {16, 16});
  Buffer a2 = tile("A2", {16, 8}, Scope::Shared);
  Stmt g = std::make_shared<Gemm>(fullRegion(a), fullRegion(b), fullRegion(c), false, true, /*clear=*/true);
  EXPECT_EQ(moved(g, a, a2), printStmt(std::make_shared<Gemm>(fullRegion(a2), fullRegion(b), fullRegion(c), false,
                                                              true, true)));
  EXPECT_NE(moved(g, a, a2).find("transpose_B, clear_accum"), std::string::npos);

  Buffer s = tile("S", {4, 8}), d = tile("D", {4}), d2 = tile("D2", {4});
  Stmt r = std::make_shared<Reduce>(ReduceKind::AbsMax, fullRegion(s), fullRegion(d), 0, /*clear=*/false);
  EXPECT_EQ(moved(r, d, d2), "reduce_absmax(S[0 +: 4, 0 +: 8] -> D2[0 +: 4], dim=0, accumulate)\n");

  Var i = var("i");
  Stmt m = std::make_shared<Map>(std::vector<Var>{i}, fullRegion(d), load(s, {i, intImm(0)}));
  EXPECT_EQ(moved(m, d, d2), "map(i) D2[0 +: 4] = S[i, 0]\n");
}

TEST(TileOpRebuild, AnUnchangedOpIsReturnedAsIs) {
  Buffer a = tile("A", {4}), b = tile("B", {4}), other = tile("X", {4});
  Stmt copy = std::make_shared<Copy>(fullRegion(a), fullRegion(b));
  EXPECT_EQ(RegionMover(other, a).mutate(copy), copy);
}

TEST(TileOpRebuild, MapRegionsRebuildsOverTheMappedRegions) {
  Buffer a = tile("A", {4}), b = tile("B", {4}), b2 = tile("B2", {4});
  auto copy = std::make_shared<Copy>(fullRegion(a), fullRegion(b));
  Stmt out = copy->mapRegions([&](const Region &r) { return r.buffer == b ? fullRegion(b2) : r; });
  EXPECT_EQ(printStmt(out), "copy(A[0 +: 4] -> B2[0 +: 4])\n");
}
