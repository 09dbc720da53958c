// widen-partial-updates: Tenstorrent computes whole tiles, so an element-wise op that writes one
// row or one column of a 2-D tile — `out[i, r] = best[i]` in a loop over r (a copy into
// out[0:32, r]), or a map over out[r, 0:N] — becomes a map over the whole tile that keeps the
// other elements: `out[i, j] = (j == r) ? best[i] : out[i, j]`. The choice is on the element's
// coordinates, so build-index-tiles turns it into index tiles the reader builds and SFPU min/max
// (docs/TT_BACKEND.md, "Index tiles").
//
// Taken: a map, fill or tile-to-tile copy whose 2-D tile destination is partial only in
// dimensions of extent 1 (the others start at 0 and span the tile); a copy's source must then be a
// whole tile or vector read at the same element (its non-unit dimensions, in order). Anything else
// is left for validate-tt and the compute lowering to refuse.
// Cost: per update, two float32 index tiles (4 KB of L1 per 32x32 tile each) built by the reader,
// and two SFPU min and a max per tile, where the GPU writes one row or column.
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include "ir/Functor.h"
#include "ir/Printer.h"

#include <set>

namespace tilec::tt {

using namespace ir;

namespace {

bool isOne(const Expr &e) { return asConstInt(e).value_or(0) == 1; }
bool isZero(const Expr &e) { return asConstInt(e).value_or(1) == 0; }
bool sameExpr(const Expr &a, const Expr &b) { return printExpr(a) == printExpr(b); }

// Whether `r` is partial only through unit dimensions: every other dimension starts at 0 and
// spans the buffer, and at least one unit dimension is narrower than the buffer.
bool partialInUnitDims(const Region &r) {
  if (r.buffer->scope == Scope::Global || r.buffer->rank() != 2)
    return false;
  bool partial = false;
  for (size_t d = 0; d < r.buffer->rank(); ++d) {
    bool whole = isZero(r.starts[d]) && sameExpr(r.extents[d], r.buffer->shape[d]);
    if (whole)
      continue;
    if (!isOne(r.extents[d]))
      return false;
    partial = true;
  }
  return partial;
}

class Widener : public IRMutator {
protected:
  Stmt mutateMap(const Stmt &s, const Map &m) override {
    if (!partialInUnitDims(m.dst))
      return s;
    std::vector<Var> axes = freshAxes(m.loc);
    std::map<const VarNode *, Expr> renames;
    for (size_t d = 0; d < axes.size(); ++d) // a map's axis counts from its region's start: 0 in a unit dimension
      renames[m.axes[d].get()] = isOne(m.dst.extents[d]) ? intImm(0, m.loc) : Expr(axes[d]);
    return widened(m.dst, axes, substitute(m.value, renames), m.loc);
  }
  Stmt mutateFill(const Stmt &s, const Fill &f) override {
    if (!partialInUnitDims(f.dst))
      return s;
    return widened(f.dst, freshAxes(f.loc), f.value, f.loc);
  }
  Stmt mutateCopy(const Stmt &s, const Copy &c) override {
    if (!partialInUnitDims(c.dst) || c.src.buffer->scope == Scope::Global)
      return s;
    std::vector<Var> axes = freshAxes(c.loc);
    // The destination's spanning dimensions, in order, pair with the source's non-unit ones.
    std::vector<Expr> spanning;
    for (size_t d = 0; d < 2; ++d)
      if (!isOne(c.dst.extents[d]))
        spanning.push_back(axes[d]);
    std::vector<Expr> srcIndex;
    size_t next = 0;
    for (size_t d = 0; d < c.src.buffer->rank(); ++d) {
      bool whole = isZero(c.src.starts[d]) && sameExpr(c.src.extents[d], c.src.buffer->shape[d]);
      if (isOne(c.src.extents[d]) && !whole) {
        srcIndex.push_back(c.src.starts[d]);
        continue;
      }
      if (!whole || next == spanning.size())
        return s;
      srcIndex.push_back(spanning[next++]);
    }
    if (next != spanning.size())
      return s;
    Expr value = load(c.src.buffer, srcIndex, c.loc);
    if (value->dtype != c.dst.buffer->dtype)
      value = std::make_shared<Cast>(c.dst.buffer->dtype, value, c.loc);
    return widened(c.dst, axes, value, c.loc);
  }

private:
  static std::vector<Var> freshAxes(SourceLoc loc) { return {var("i", DType::Int32, loc), var("j", DType::Int32, loc)}; }

  // dst[i, j] = (i, j inside the region) ? value : dst[i, j], over the whole tile.
  static Stmt widened(const Region &dst, const std::vector<Var> &axes, const Expr &value, SourceLoc loc) {
    Expr inside;
    for (size_t d = 0; d < 2; ++d) {
      if (!isOne(dst.extents[d]) || (isZero(dst.starts[d]) && sameExpr(dst.extents[d], dst.buffer->shape[d])))
        continue;
      Expr test = binary(BinaryOp::Eq, axes[d], dst.starts[d], loc);
      inside = inside ? binary(BinaryOp::And, inside, test, loc) : test;
    }
    Expr keep = load(dst.buffer, {axes[0], axes[1]}, loc);
    Expr v = value->dtype == dst.buffer->dtype ? value : std::make_shared<Cast>(dst.buffer->dtype, value, loc);
    return std::make_shared<Map>(axes, fullRegion(dst.buffer, loc), std::make_shared<Select>(inside, v, keep, loc), loc);
  }
};

} // namespace

// The tiles whose first access in program order is a partial update: the widened map reads
// their other elements, which nothing wrote yet (a top-k `out` filled column by column).
class FirstAccessIsPartial : public IRVisitor {
public:
  std::vector<Buffer> found;

protected:
  void visitTileOp(const TileOp &op) override {
    std::optional<Region> partial;
    if (auto *m = op.as<Map>())
      partial = m->dst;
    else if (auto *c = op.as<Copy>(); c && c->src.buffer->scope != Scope::Global)
      partial = c->dst;
    else if (auto *fl = op.as<Fill>())
      partial = fl->dst;
    if (partial && !partialInUnitDims(*partial))
      partial.reset();
    for (const Operand &o : op.operands()) {
      const Buffer &b = o.region->buffer;
      if (!seen_.insert(b.get()).second)
        continue;
      if (partial && b == partial->buffer && isFloat(b->dtype))
        found.push_back(b);
    }
  }

private:
  std::set<const BufferNode *> seen_;
};

void widenPartialUpdates(PrimFunc &f) {
  FirstAccessIsPartial first;
  first.visit(f.body);
  f.body = Widener().mutate(f.body);
  if (first.found.empty())
    return;
  // Their other elements start as zeros (never read as values: the program wrote no value there).
  std::vector<Stmt> body;
  for (const Buffer &b : first.found)
    body.push_back(std::make_shared<Fill>(fullRegion(b, b->loc), floatImm(0.0, b->dtype, b->loc), b->loc));
  body.push_back(f.body);
  f.body = seq(std::move(body), f.loc);
}

} // namespace tilec::tt
