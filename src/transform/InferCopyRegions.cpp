// infer-copy-regions: completes tile-op regions the source gave by their start only.
//
// `T.copy(A[by * 32, k * 32], A_s)` names where the region of A starts, not how large it is: the
// extent comes from the other operand. Its extents are laid onto the trailing dimensions of the
// start-only side, unit extents in place (an [M, 1] tile is a column); leading extra dimensions get
// extent 1 (a row of a 3-D tensor copied into a 2-D tile). Then both sides' non-unit extents must agree, else a CompileError at the copy:
//   copy extents do not match: source A has (32, 64), destination A_s has (32, 32)
// Gemm / fill / reduce / map operands given by their start only cover the rest of their buffer
// (the whole tile for a start of 0).
#include "ir/Functor.h"
#include "ir/Printer.h"
#include "ir/ops/Extents.h"
#include "transform/Analysis.h"
#include "transform/Passes.h"

namespace tilec::transform {

using namespace ir;

namespace {

std::string rankText(size_t n) { return std::to_string(n) + (n == 1 ? " index" : " indices"); }

void checkStartCount(const Region &r, const SourceLoc &loc) {
  if (r.starts.size() != r.buffer->rank())
    fail(loc, r.buffer->name + " has rank " + std::to_string(r.buffer->rank()) +
                  " but the region gives " + rankText(r.starts.size()) +
                  "; give one start per dimension");
}

// Extents for `target` (start only) from `other`'s extents, aligned to the trailing dimensions
// as TileLang aligns them: unit extents keep their place, so `T.copy(X[0, bx], x)` for an
// [M, 1] tile x reads X[0:M, bx:bx+1] (a column), not a row of M. Leading unit extents of a
// higher-rank `other` are dropped; leading dimensions `other` lacks get extent 1.
std::vector<Expr> extentsFromOther(const Region &target, const Region &other, const SourceLoc &loc) {
  std::vector<Expr> wanted = other.extents;
  size_t rank = target.buffer->rank();
  while (wanted.size() > rank && ir::asConstInt(wanted.front()) == std::optional<int64_t>(1))
    wanted.erase(wanted.begin());
  if (wanted.size() > rank)
    fail(loc, "cannot copy a " + tupleText(nonUnitExtents(other.extents)) + " region of " +
                  other.buffer->name + " into " + target.buffer->name + ", which has rank " +
                  std::to_string(rank));
  std::vector<Expr> extents(rank - wanted.size(), intImm(1, loc));
  extents.insert(extents.end(), wanted.begin(), wanted.end());
  return extents;
}

// The rest of the buffer from the region's start.
std::vector<Expr> extentsToEnd(const Region &r) {
  std::vector<Expr> extents;
  for (size_t d = 0; d < r.buffer->rank(); ++d)
    extents.push_back(simplifyExpr(sub(r.buffer->shape[d], r.starts[d])));
  return extents;
}

void checkExtentsAgree(const Copy &c, const Region &src, const Region &dst) {
  auto a = nonUnitExtents(src.extents), b = nonUnitExtents(dst.extents);
  bool same = a.size() == b.size();
  for (size_t i = 0; same && i < a.size(); ++i)
    same = exprEqual(simplifyExpr(a[i]), simplifyExpr(b[i]));
  if (!same)
    fail(c.loc, "copy extents do not match: source " + src.buffer->name + " has " + tupleText(a) +
                    ", destination " + dst.buffer->name + " has " + tupleText(b) +
                    "; both sides must have the same non-unit extents in the same order");
}

class RegionInference : public IRMutator {
protected:
  Stmt mutateCopy(const Stmt &s, const Copy &n) override {
    Region src = n.src, dst = n.dst;
    checkStartCount(src, n.loc);
    checkStartCount(dst, n.loc);
    bool srcOpen = src.extents.empty(), dstOpen = dst.extents.empty();
    if (srcOpen && dstOpen)
      fail(n.loc, "cannot infer the extent of the copy: source " + src.buffer->name +
                      " and destination " + dst.buffer->name +
                      " both give only a start; give one side as a whole buffer or a slice "
                      "(A[i0:i1, j0:j1])");
    if (srcOpen)
      src.extents = extentsFromOther(src, dst, n.loc);
    if (dstOpen)
      dst.extents = extentsFromOther(dst, src, n.loc);
    checkExtentsAgree(n, src, dst);
    if (!srcOpen && !dstOpen)
      return s;
    return std::make_shared<Copy>(src, dst, n.loc);
  }

  // Any other op: each region given by its start only covers the rest of its buffer.
  Stmt mutateTileOp(const Stmt &s, const TileOp &op) override {
    bool changed = false;
    Stmt out = op.mapRegions([&](const Region &r) { return complete(r, op.loc, changed); });
    return changed ? out : s;
  }

private:
  static Region complete(const Region &r, const SourceLoc &loc, bool &changed) {
    if (!r.extents.empty())
      return r;
    checkStartCount(r, loc);
    Region out = r;
    out.extents = extentsToEnd(r);
    changed = true;
    return out;
  }
};

} // namespace

void inferCopyRegions(PrimFunc &f) { f.body = RegionInference().mutate(f.body); }

} // namespace tilec::transform
