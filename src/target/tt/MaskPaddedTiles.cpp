// mask-padded-tiles: a tile dimension of d elements, d not a multiple of 32, is held in ceil(d / 32)
// tiles padded at the end (TTUtil tileGrid), and what the padding holds is whatever the ops that wrote the tile left
// there: zeros from the reader (the host pads every page), exp(0 - m) after a map, the fill value.
// Element-wise code never mixes padding with data, but two ops combine a whole dimension:
//   - a reduction along a padded dimension (reduce_max over 16 columns would take the max with the
//     16 padding columns: 0 beats negative data);
//   - a GEMM whose K is padded (K steps of 16): padded k pair up A's padding columns with B's
//     padding rows, which must contribute 0 (0 * inf is NaN, so both must be finite zeros).
// So before such an op, its operand is masked into a fresh tile with
//   masked[i, j] = T.if_then_else(j < d, src[i, j], neutral)
// (neutral: 0 for sums, abssum, absmax and GEMM; -inf for max; +inf for min), which build-index-tiles
// then turns into SFPU min/max with index tiles the reader builds (docs/TT_BACKEND.md, "Index tiles"):
// the condition is evaluated at every element of the padded tiles (tile * 32 + the element's
// column), so j runs past d there. An
// operand whose padding is already the neutral zero — a tile only ever written by copies from DRAM
// or zero fills, or a DRAM region (staged through a copy) — is left as it is, which is the common
// case of a GEMM K step.
#include "target/tt/SmallTiles.h"
#include "target/tt/TTUtil.h"

#include "ir/Functor.h"
#include "ir/MatrixView.h"
#include "ir/Printer.h"

#include <fmt/format.h>
#include <limits>
#include <set>

namespace tilec::tt {

using namespace ir;

namespace {

// Tiles whose padding holds zeros: every write to them copies from a DRAM tensor (the host pads
// pages with zeros and the reader zero-fills pages past a tensor's edge) or fills them with zero.
std::set<const BufferNode *> zeroPaddedTiles(const PrimFunc &f) {
  struct Writers : IRVisitor {
    std::set<const BufferNode *> written, other;
    void visitTileOp(const TileOp &op) override {
      bool zeros = false;
      if (auto *c = dynamic_cast<const Copy *>(&op))
        zeros = c->src.buffer->scope == Scope::Global;
      if (auto *fl = dynamic_cast<const Fill *>(&op))
        zeros = isZero(fl->value);
      for (const Operand &o : op.operands())
        if (o.write)
          (zeros ? written : other).insert(o.region->buffer.get());
    }
    void visitStore(const Store &s) override {
      other.insert(s.buffer.get());
      IRVisitor::visitStore(s);
    }
    static bool isZero(const Expr &e) {
      if (auto *c = e->as<Cast>())
        return isZero(c->value);
      if (auto *fi = e->as<FloatImm>())
        return fi->value == 0;
      if (auto *ii = e->as<IntImm>())
        return ii->value == 0;
      return false;
    }
  } writers;
  writers.visit(f.body);
  std::set<const BufferNode *> out;
  for (const BufferNode *b : writers.written)
    if (!writers.other.count(b))
      out.insert(b);
  return out;
}

class PaddingMasker : public IRMutator {
public:
  explicit PaddingMasker(PrimFunc &f) : f_(f), zeroPadded_(zeroPaddedTiles(f)) {}

protected:
  Stmt mutateReduce(const Stmt &s, const Reduce &r) override {
    double neutral = 0;
    if (r.reduceKind == ReduceKind::Max)
      neutral = -std::numeric_limits<double>::infinity();
    if (r.reduceKind == ReduceKind::Min)
      neutral = std::numeric_limits<double>::infinity();
    auto dims = matrixViewDims(r.src.extents);
    if (!dims)
      return s;
    int regionDim = (*dims)[r.dim];
    auto masked = mask(r.src, regionDim, neutral, r.loc, "reduction");
    if (!masked)
      return s;
    return seq({masked->first, r.rebuild({masked->second, r.dst}, {})}, r.loc);
  }

  Stmt mutateGemm(const Stmt &s, const Gemm &g) override {
    auto da = matrixViewDims(g.a.extents), db = matrixViewDims(g.b.extents);
    if (!da || !db)
      return s;
    std::vector<Stmt> out;
    Region a = g.a, b = g.b;
    if (auto m = mask(g.a, (*da)[g.transposeA ? 0 : 1], 0, g.loc, "T.gemm"))
      out.push_back(m->first), a = m->second;
    if (auto m = mask(g.b, (*db)[g.transposeB ? 1 : 0], 0, g.loc, "T.gemm"))
      out.push_back(m->first), b = m->second;
    if (out.empty())
      return s;
    out.push_back(g.rebuild({a, b, g.c}, {}));
    return seq(out, g.loc);
  }

private:
  PrimFunc &f_;
  std::set<const BufferNode *> zeroPadded_;
  int count_ = 0;

  // The map that masks `src` along region dimension `dim` (when the tile is padded there and its
  // padding is not already `neutral`), and the masked region the op reads instead.
  std::optional<std::pair<Stmt, Region>> mask(const Region &src, int dim, double neutral, SourceLoc loc,
                                              const char *what) {
    const Buffer &b = src.buffer;
    if (dim < 0 || !supportedOnTT(b->dtype))
      return std::nullopt; // integer tiles are refused by validate-tt
    // A DRAM operand is staged into a tile of the region's shape (stage-global-accesses) by a copy,
    // so its padding is zeros; a tile's padding is what its writers left.
    bool global = b->scope == Scope::Global;
    auto shape = global ? constExtents(src) : constShape(b);
    if (!shape || (*shape)[dim] % kTile == 0)
      return std::nullopt;
    if (neutral == 0 && (global || zeroPadded_.count(b.get())))
      return std::nullopt;
    if (shape->size() != 2 || src.extents.size() != 2)
      fail(loc, fmt::format("this {} combines the {} elements of '{}' along a dimension held padded to whole 32x32 "
                            "tiles, whose padding is not known to be {}; masking the padding of a {}-D tile is not "
                            "supported on Tenstorrent yet (index tiles are 2-D): use a 2-D tile, or a multiple of 32 "
                            "elements",
                            what, (*shape)[dim], b->name, neutral == 0 ? "zero" : "neutral", shape->size()));
    std::vector<Expr> extents = src.extents;
    auto tile = std::make_shared<BufferNode>(b->name + "_masked" + (count_ ? std::to_string(count_) : ""), extents,
                                             b->dtype, Scope::Fragment, loc);
    ++count_;
    f_.allocs.push_back(tile);
    std::vector<Var> axes = {var("i"), var("j")};
    Expr element = load(b, {add(src.starts[0], axes[0]), add(src.starts[1], axes[1])}, loc);
    // The coordinate runs over the padded tile when the reader builds the mask, past the last
    // element the kernel names: `axis < d` is false exactly on the padding.
    Expr inside = binary(BinaryOp::Lt, axes[dim], intImm((*shape)[dim]), loc);
    Expr value = std::make_shared<Select>(inside, element, floatImm(neutral, b->dtype, loc), loc);
    Stmt map = std::make_shared<Map>(axes, fullRegion(tile, loc), value, loc);
    return std::make_pair(map, fullRegion(tile, loc));
  }

  static std::optional<std::vector<int64_t>> constExtents(const Region &r) {
    std::vector<int64_t> out;
    for (const Expr &e : r.extents) {
      auto c = asConstInt(e);
      if (!c)
        return std::nullopt;
      out.push_back(*c);
    }
    return out;
  }

  static Expr add(const Expr &start, const Var &axis) {
    if (auto c = asConstInt(start); c && *c == 0)
      return axis;
    return binary(BinaryOp::Add, start, axis);
  }
};

} // namespace

void maskPaddedTiles(PrimFunc &f) {
  PaddingMasker masker(f);
  f.body = masker.mutate(f.body);
}

} // namespace tilec::tt
