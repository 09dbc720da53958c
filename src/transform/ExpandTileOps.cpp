// expand-tile-ops: lowers every tile op to scalar loops (For + Store + Load).
//
// This is the second, independent path of `tilec run --target interp`: the interpreter runs the
// kernel with tile ops executed whole, and again after this pass with plain loops, and the two
// results are compared. So nothing here is shared with the interpreter's tile-op code; both
// implement the semantics documented in ir/IR.h:
//   Copy   → Parallel nest: dst[...] = cast(src[...])      (non-unit extents matched in order)
//   Gemm   → Parallel i, j; Serial k: C = C + cast(A) * cast(B), all in C's dtype
//   Fill   → Parallel nest: dst[...] = value
//   Reduce → Parallel over kept elements; Serial over the reduced dim into a 1-element local tile
//   Map    → Parallel nest over the box, axes replaced by the loop variables
#include "transform/Passes.h"

#include "ir/Functor.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

namespace tilec::transform {

using namespace ir;

namespace {

bool isConstOne(const Expr &e) {
  auto v = asConstInt(e);
  return v && *v == 1;
}

// start + offset, without a `+ 0` for the common zero start.
Expr shifted(const Expr &start, const Expr &offset) {
  auto s = asConstInt(start);
  return s && *s == 0 ? offset : add(start, offset);
}

void checkRegion(const Region &r, const char *what, SourceLoc opLoc) {
  SourceLoc loc = r.loc.valid() ? r.loc : opLoc;
  if (r.extents.empty())
    fail(loc, std::string(what) + " region of '" + r.buffer->name +
                  "' has no extents: infer-copy-regions must run before expand-tile-ops");
  if (r.starts.size() != r.buffer->rank() || r.extents.size() != r.buffer->rank())
    fail(loc, std::string(what) + " region of '" + r.buffer->name + "' does not match the rank " +
                  std::to_string(r.buffer->rank()) + " of the buffer");
}

// Dimensions whose extent is not the constant 1 (a symbolic extent counts as non-unit).
std::vector<size_t> nonUnitDims(const Region &r) {
  std::vector<size_t> dims;
  for (size_t d = 0; d < r.extents.size(); ++d)
    if (!isConstOne(r.extents[d]))
      dims.push_back(d);
  return dims;
}

// Both extents constant and different: a static shape mismatch.
bool staticallyDifferent(const Expr &a, const Expr &b) {
  auto x = asConstInt(a), y = asConstInt(b);
  return x && y && *x != *y;
}

// Wraps `body` in one loop per (var, extent), the first pair outermost.
Stmt loopNest(Stmt body, const std::vector<Var> &vars, const std::vector<Expr> &extents, ForKind kind,
              SourceLoc loc) {
  for (size_t d = vars.size(); d-- > 0;)
    body = std::make_shared<For>(vars[d], intImm(0), extents[d], kind, body, loc);
  return body;
}

Expr castTo(DType t, Expr e) {
  if (e->dtype == t)
    return e;
  SourceLoc loc = e->loc;
  return std::make_shared<Cast>(t, std::move(e), loc);
}

Expr binaryIn(DType t, BinaryOp op, Expr a, Expr b) {
  return std::make_shared<Binary>(op, std::move(a), std::move(b), t);
}

Expr zeroOf(DType t) { return isFloat(t) ? floatImm(0.0, t) : std::make_shared<IntImm>(0, t); }

// The two dimensions a gemm/reduce operand is a matrix over: its non-unit dimensions, padded
// with trailing unit ones; -1 stands for a missing leading dimension of a 1-D operand.
struct MatrixDims {
  int row = -1, col = -1;
};

MatrixDims matrixDims(const Region &r, const char *what, SourceLoc loc) {
  std::vector<size_t> dims = nonUnitDims(r);
  if (dims.size() > 2)
    fail(loc, std::string(what) + " operand '" + r.buffer->name + "' must be a 2-D tile region");
  std::vector<bool> used(r.extents.size(), false);
  for (size_t d : dims) used[d] = true;
  for (size_t d = r.extents.size(); d-- > 0 && dims.size() < 2;)
    if (!used[d]) {
      used[d] = true;
      dims.push_back(d);
    }
  std::sort(dims.begin(), dims.end());
  MatrixDims m;
  if (dims.size() == 2)
    m.row = static_cast<int>(dims[0]);
  if (!dims.empty())
    m.col = static_cast<int>(dims.back());
  return m;
}

Expr extentOf(const Region &r, int dim) { return dim < 0 ? intImm(1) : r.extents[dim]; }

// The indices of element (row, col) of a matrix view of a region.
std::vector<Expr> matrixIndex(const Region &r, MatrixDims m, const Expr &row, const Expr &col) {
  std::vector<Expr> idx = r.starts;
  if (m.row >= 0)
    idx[m.row] = shifted(r.starts[m.row], row);
  if (m.col >= 0)
    idx[m.col] = shifted(r.starts[m.col], col);
  return idx;
}

// 0 <= idx[d] < shape[d] for every dimension, as one Bool expression.
Expr inBounds(const Buffer &b, const std::vector<Expr> &idx) {
  Expr all;
  for (size_t d = 0; d < idx.size(); ++d) {
    Expr lo = binary(BinaryOp::Ge, idx[d], intImm(0));
    Expr hi = binary(BinaryOp::Lt, idx[d], b->shape[d]);
    Expr both = binary(BinaryOp::And, lo, hi);
    all = all ? binary(BinaryOp::And, all, both) : both;
  }
  return all ? all : std::make_shared<IntImm>(1, DType::Bool);
}

class TileOpExpander : public IRMutator {
public:
  explicit TileOpExpander(PrimFunc &f) : f_(f) {}

protected:
  Stmt mutateCopy(const Stmt &, const Copy &c) override {
    checkRegion(c.src, "copy source", c.loc);
    checkRegion(c.dst, "copy destination", c.loc);
    std::vector<size_t> sd = nonUnitDims(c.src), dd = nonUnitDims(c.dst);
    bool mismatch = sd.size() != dd.size();
    for (size_t k = 0; !mismatch && k < sd.size(); ++k)
      mismatch = staticallyDifferent(c.src.extents[sd[k]], c.dst.extents[dd[k]]);
    if (mismatch)
      fail(c.loc, "copy shape mismatch between '" + c.src.buffer->name + "' and '" + c.dst.buffer->name + "'");
    std::vector<Var> vars;
    std::vector<Expr> extents;
    std::vector<Expr> srcIdx = c.src.starts, dstIdx = c.dst.starts;
    for (size_t k = 0; k < dd.size(); ++k) {
      vars.push_back(var("copy_i" + std::to_string(k), DType::Int32, c.loc));
      extents.push_back(c.dst.extents[dd[k]]);
      srcIdx[sd[k]] = shifted(c.src.starts[sd[k]], vars.back());
      dstIdx[dd[k]] = shifted(c.dst.starts[dd[k]], vars.back());
    }
    // A global side may cross the tensor's edge (a tail block): reads outside give 0, writes
    // outside are skipped — TileLang's bounds-checked T.copy.
    DType t = c.dst.buffer->dtype;
    Expr value = castTo(t, load(c.src.buffer, srcIdx, c.loc));
    if (c.src.buffer->scope == Scope::Global)
      value = std::make_shared<Select>(inBounds(c.src.buffer, srcIdx), value, zeroOf(t), c.loc);
    Stmt store = std::make_shared<Store>(c.dst.buffer, dstIdx, value, c.loc);
    if (c.dst.buffer->scope == Scope::Global)
      store = std::make_shared<If>(inBounds(c.dst.buffer, dstIdx), store, nullptr, c.loc);
    return loopNest(store, vars, extents, ForKind::Parallel, c.loc);
  }

  Stmt mutateGemm(const Stmt &, const Gemm &g) override {
    checkRegion(g.a, "gemm A", g.loc);
    checkRegion(g.b, "gemm B", g.loc);
    checkRegion(g.c, "gemm C", g.loc);
    MatrixDims a = matrixDims(g.a, "gemm A", g.loc), b = matrixDims(g.b, "gemm B", g.loc),
               c = matrixDims(g.c, "gemm C", g.loc);
    Expr m = extentOf(g.c, c.row), n = extentOf(g.c, c.col);
    Expr k = g.transposeA ? extentOf(g.a, a.row) : extentOf(g.a, a.col);
    Expr am = g.transposeA ? extentOf(g.a, a.col) : extentOf(g.a, a.row);
    Expr bk = g.transposeB ? extentOf(g.b, b.col) : extentOf(g.b, b.row);
    Expr bn = g.transposeB ? extentOf(g.b, b.row) : extentOf(g.b, b.col);
    if (staticallyDifferent(am, m) || staticallyDifferent(bk, k) || staticallyDifferent(bn, n))
      fail(g.loc, "gemm shape mismatch between '" + g.a.buffer->name + "', '" + g.b.buffer->name +
                      "' and '" + g.c.buffer->name + "'");
    Var i = var("gemm_i", DType::Int32, g.loc), j = var("gemm_j", DType::Int32, g.loc),
        kk = var("gemm_k", DType::Int32, g.loc);
    DType t = g.c.buffer->dtype;
    std::vector<Expr> cIdx = matrixIndex(g.c, c, i, j);
    Expr aVal = load(g.a.buffer, g.transposeA ? matrixIndex(g.a, a, kk, i) : matrixIndex(g.a, a, i, kk), g.loc);
    Expr bVal = load(g.b.buffer, g.transposeB ? matrixIndex(g.b, b, j, kk) : matrixIndex(g.b, b, kk, j), g.loc);
    Expr product = binaryIn(t, BinaryOp::Mul, castTo(t, aVal), castTo(t, bVal));
    Expr sum = binaryIn(t, BinaryOp::Add, load(g.c.buffer, cIdx, g.loc), product);
    Stmt kLoop = std::make_shared<For>(kk, intImm(0), k, ForKind::Serial,
                                       std::make_shared<Store>(g.c.buffer, cIdx, sum, g.loc), g.loc);
    Stmt body = kLoop;
    if (g.clearAccum)
      body = seq({std::make_shared<Store>(g.c.buffer, cIdx, zeroOf(t), g.loc), kLoop}, g.loc);
    return loopNest(body, {i, j}, {m, n}, ForKind::Parallel, g.loc);
  }

  Stmt mutateFill(const Stmt &, const Fill &fl) override {
    checkRegion(fl.dst, "fill", fl.loc);
    std::vector<Var> vars;
    std::vector<Expr> extents, idx = fl.dst.starts;
    for (size_t d : nonUnitDims(fl.dst)) {
      vars.push_back(var("fill_i" + std::to_string(d), DType::Int32, fl.loc));
      extents.push_back(fl.dst.extents[d]);
      idx[d] = shifted(fl.dst.starts[d], vars.back());
    }
    Stmt store = std::make_shared<Store>(fl.dst.buffer, idx, castTo(fl.dst.buffer->dtype, fl.value), fl.loc);
    return loopNest(store, vars, extents, ForKind::Parallel, fl.loc);
  }

  Stmt mutateReduce(const Stmt &, const Reduce &r) override;

  Stmt mutateMap(const Stmt &, const Map &mp) override {
    checkRegion(mp.dst, "map destination", mp.loc);
    if (mp.axes.size() != mp.dst.extents.size())
      fail(mp.loc, "map over '" + mp.dst.buffer->name + "' has " + std::to_string(mp.axes.size()) +
                       " axes for a region of rank " + std::to_string(mp.dst.extents.size()));
    std::map<const VarNode *, Expr> rename;
    std::vector<Var> vars;
    std::vector<Expr> idx;
    for (size_t d = 0; d < mp.axes.size(); ++d) {
      vars.push_back(var(mp.axes[d]->name, mp.axes[d]->dtype, mp.axes[d]->loc));
      rename[mp.axes[d].get()] = vars.back();
      idx.push_back(shifted(mp.dst.starts[d], vars.back()));
    }
    Expr value = castTo(mp.dst.buffer->dtype, substitute(mp.value, rename));
    Stmt store = std::make_shared<Store>(mp.dst.buffer, idx, value, mp.loc);
    return loopNest(store, vars, mp.dst.extents, ForKind::Parallel, mp.loc);
  }

private:
  PrimFunc &f_;
  int tempCount_ = 0;
};

// The identity a reduction starts from, in dtype t (integer max/min: the dtype's limits).
Expr reduceIdentity(ReduceKind kind, DType t) {
  if (kind != ReduceKind::Max && kind != ReduceKind::Min)
    return zeroOf(t);
  bool isMax = kind == ReduceKind::Max;
  if (isFloat(t))
    return floatImm(isMax ? -INFINITY : INFINITY, t);
  int64_t lo = 0, hi = 0;
  switch (t) {
  case DType::Bool: lo = 0; hi = 1; break;
  case DType::Int8: lo = -128; hi = 127; break;
  case DType::UInt32: lo = 0; hi = 4294967295; break;
  case DType::Int64:
    lo = std::numeric_limits<int64_t>::min();
    hi = std::numeric_limits<int64_t>::max();
    break;
  default: lo = std::numeric_limits<int32_t>::min(); hi = std::numeric_limits<int32_t>::max(); break;
  }
  return std::make_shared<IntImm>(isMax ? lo : hi, t);
}

BinaryOp reduceOp(ReduceKind kind) {
  switch (kind) {
  case ReduceKind::Max:
  case ReduceKind::AbsMax: return BinaryOp::Max;
  case ReduceKind::Min: return BinaryOp::Min;
  default: return BinaryOp::Add;
  }
}

Stmt TileOpExpander::mutateReduce(const Stmt &, const Reduce &r) {
  checkRegion(r.src, "reduce source", r.loc);
  checkRegion(r.dst, "reduce destination", r.loc);
  if (r.dim != 0 && r.dim != 1)
    fail(r.loc, "reduce dimension must be 0 or 1 (got " + std::to_string(r.dim) + ")");
  MatrixDims src = matrixDims(r.src, "reduce source", r.loc);
  Expr kept = extentOf(r.src, r.dim == 0 ? src.col : src.row);
  Expr reduced = extentOf(r.src, r.dim == 0 ? src.row : src.col);
  std::vector<size_t> dd = nonUnitDims(r.dst);
  if (dd.size() > 1 || (dd.empty() && !isConstOne(kept)) ||
      (dd.size() == 1 && staticallyDifferent(r.dst.extents[dd[0]], kept)))
    fail(r.loc, "reduce shape mismatch between '" + r.src.buffer->name + "' and '" + r.dst.buffer->name + "'");

  DType t = r.dst.buffer->dtype;
  // The running value lives in a one-element local tile so the dst combine (clear=false) sees
  // the finished reduction, exactly as the tile op defines it.
  auto acc = std::make_shared<BufferNode>(r.dst.buffer->name + "_acc" + std::to_string(tempCount_++),
                                          std::vector<Expr>{intImm(1)}, t, Scope::Local, r.loc);
  f_.allocs.push_back(acc);
  std::vector<Expr> accIdx{intImm(0)};

  Var keptVar = var("red_i", DType::Int32, r.loc), redVar = var("red_k", DType::Int32, r.loc);
  Expr x = castTo(t, load(r.src.buffer, r.dim == 0 ? matrixIndex(r.src, src, redVar, keptVar)
                                                   : matrixIndex(r.src, src, keptVar, redVar), r.loc));
  if (r.reduceKind == ReduceKind::AbsSum || r.reduceKind == ReduceKind::AbsMax)
    x = std::make_shared<Call>("abs", std::vector<Expr>{x}, t, r.loc);
  BinaryOp op = reduceOp(r.reduceKind);
  Stmt init = std::make_shared<Store>(acc, accIdx, reduceIdentity(r.reduceKind, t), r.loc);
  Stmt step = std::make_shared<Store>(acc, accIdx, binaryIn(t, op, load(acc, accIdx), x), r.loc);
  Stmt loop = std::make_shared<For>(redVar, intImm(0), reduced, ForKind::Serial, step, r.loc);

  std::vector<Expr> dstIdx = r.dst.starts;
  if (dd.size() == 1)
    dstIdx[dd[0]] = shifted(r.dst.starts[dd[0]], keptVar);
  Expr result = load(acc, accIdx);
  if (!r.clear)
    result = binaryIn(t, op, load(r.dst.buffer, dstIdx, r.loc), result);
  Stmt write = std::make_shared<Store>(r.dst.buffer, dstIdx, result, r.loc);
  return std::make_shared<For>(keptVar, intImm(0), kept, ForKind::Parallel, seq({init, loop, write}, r.loc), r.loc);
}

} // namespace

void expandTileOps(PrimFunc &f) {
  TileOpExpander expander(f);
  f.body = expander.mutate(f.body);
}

} // namespace tilec::transform
