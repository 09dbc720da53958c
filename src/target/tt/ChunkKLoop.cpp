// chunk_k_tiles: how many K tiles the reader moves per CB transfer. A K loop of the GEMM shape
//   for k: T.copy(A[.., k*bk] -> A_s); T.copy(B[k*bk, ..] -> B_s); T.gemm(A_s, B_s, C)
// whose blocks are narrower than that is strip-mined: f = chunk / (bk/32) iterations become one,
// with A_s and B_s f times wider along K. Fewer, larger transfers (and multicasts) amortise the
// per-transfer cost and the per-step work on the accumulator. The loop's extent must be a
// constant multiple of f; otherwise the loop is left as written.
#include "ir/Functor.h"
#include "target/tt/BufferUses.h"
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"
#include "transform/Passes.h"

namespace tilec::tt {

using namespace ir;

namespace {

// Which dimension of the tile is K for a gemm operand.
int kDimOf(const Gemm &g, const Buffer &tile) {
  if (g.a.buffer == tile)
    return g.transposeA ? 0 : 1;
  return g.transposeB ? 1 : 0;
}

class Chunker : public IRMutator {
public:
  // chunkTiles 0: choose (8 K tiles per transfer when the double-buffered A and B blocks take at
  // most half of L1, else 4) and record the choice in the kernel's schedule annotation.
  Chunker(PrimFunc &f, int chunkTiles, int64_t l1Bytes)
      : f_(f), chunk_(chunkTiles), l1Bytes_(l1Bytes), uses_(collectBufferUses(f)) {}
  int chosen = 0;

protected:
  Stmt mutateFor(const Stmt &s, const For &loop) override {
    std::vector<Stmt> body;
    if (auto *sq = loop.body->as<Seq>())
      body = sq->stmts;
    else
      body = {loop.body};
    const Gemm *gemm = nullptr;
    std::vector<const Copy *> copies;
    for (const Stmt &x : body) {
      if (auto *g = x->as<Gemm>(); g && !gemm)
        gemm = g;
      else if (auto *c = x->as<Copy>(); c && c->src.buffer->scope == Scope::Global)
        copies.push_back(c);
      else
        return IRMutator::mutateFor(s, loop);
    }
    auto extent = asConstInt(loop.extent);
    auto minimum = asConstInt(loop.min);
    if (!gemm || copies.empty() || !extent || !minimum || *minimum != 0)
      return s;
    int64_t kt = tileGrid(gemm->a.buffer).cols; // K tiles per iteration as written
    if (gemm->transposeA)
      kt = tileGrid(gemm->a.buffer).rows;
    int chunk = chunk_;
    if (chunk == 0) {
      TileGrid a = tileGrid(gemm->a.buffer), b = tileGrid(gemm->b.buffer);
      int64_t mt = gemm->transposeA ? a.cols : a.rows, nt = gemm->transposeB ? b.rows : b.cols;
      int64_t bytes8 = (mt + nt) * 8 * 2 * tileBytes(gemm->a.buffer->dtype);
      chunk = bytes8 * 2 <= l1Bytes_ ? 8 : 4;
      while (chunk > kt && *extent % (chunk / kt))
        chunk /= 2; // the loop must split evenly
    }
    int64_t factor = chunk / kt;
    if (factor <= 1 || *extent % factor)
      return s;
    chosen = chunk;
    for (const Copy *c : copies)
      if (c->dst.buffer != gemm->a.buffer && c->dst.buffer != gemm->b.buffer)
        return s;
      else if (int64_t k = *asConstInt(c->dst.buffer->shape[kDimOf(*gemm, c->dst.buffer)]) * factor; k > kTile && k % kTile)
        return s; // K steps below 32 merged into a length no tile holds (3 x 16 = 48): keep them padded
      else if (uses_[c->dst.buffer.get()].computeReads.size() != 1 || uses_[c->dst.buffer.get()].readerFills.size() != 1)
        return s; // the tile is used elsewhere too: keep its shape
    // k = k_chunk * factor: each new iteration covers `factor` old ones.
    Var kc = var(loop.var->name + "_chunk", loop.var->dtype, loop.var->loc);
    std::map<const VarNode *, Expr> subst = {{loop.var.get(), mul(kc, intImm(factor))}};
    std::map<const BufferNode *, Buffer> widened;
    std::vector<Stmt> out;
    for (const Copy *c : copies) {
      const Buffer &tile = c->dst.buffer;
      int kd = kDimOf(*gemm, tile);
      std::vector<Expr> shape = tile->shape;
      shape[kd] = intImm(*asConstInt(shape[kd]) * factor);
      auto wide = std::make_shared<BufferNode>(tile->name, shape, tile->dtype, tile->scope, tile->loc);
      widened[tile.get()] = wide;
      Region src = c->src;
      for (Expr &e : src.starts)
        e = transform::simplifyExpr(substitute(e, subst));
      // The K extent of the DRAM region is the one matching the tile's K dimension.
      std::vector<size_t> nonUnit;
      for (size_t d = 0; d < src.extents.size(); ++d)
        if (asConstInt(src.extents[d]).value_or(2) != 1)
          nonUnit.push_back(d);
      size_t srcK = nonUnit.size() == tile->rank() ? nonUnit[kd] : src.extents.size() - tile->rank() + kd;
      src.extents[srcK] = intImm(*asConstInt(src.extents[srcK]) * factor);
      out.push_back(std::make_shared<Copy>(src, fullRegion(wide, c->loc), c->loc));
    }
    out.push_back(gemm->mapRegions([&](const Region &r) {
      return widened.count(r.buffer.get()) ? fullRegion(widened[r.buffer.get()], r.loc) : r;
    }));
    for (Buffer &b : f_.allocs)
      if (widened.count(b.get()))
        b = widened[b.get()];
    return std::make_shared<For>(kc, intImm(0), intImm(*extent / factor), loop.forKind, seq(out, loop.loc), loop.loc,
                                 loop.numStages);
  }

private:
  PrimFunc &f_;
  int chunk_;
  int64_t l1Bytes_;
  std::map<const BufferNode *, BufferUses> uses_;
};

} // namespace

void chunkKLoops(PrimFunc &f, const ArchInfo &arch) {
  auto chunk = scheduleInt(f, "chunk_k_tiles");
  if (chunk && *chunk <= 1)
    return;
  Chunker c(f, chunk ? static_cast<int>(*chunk) : 0, arch.l1Bytes);
  f.body = c.mutate(f.body);
  if (!chunk && c.chosen)
    f.annotations["annotate_tt_schedule"]["chunk_k_tiles"] = {int64_t(c.chosen)};
}

} // namespace tilec::tt
