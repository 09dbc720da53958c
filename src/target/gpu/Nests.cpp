#include "target/gpu/Nests.h"

#include "ir/Functor.h"
#include "ir/MatrixView.h"
#include "ir/Printer.h"
#include "target/gpu/Layout.h"
#include "target/gpu/Simt.h"

#include <cmath>
#include <set>

namespace tilec::gpu {

using namespace ir;

namespace {

// The loop variables used by a list of index expressions.
class VarCollector : public IRVisitor {
public:
  std::set<const VarNode *> vars;

protected:
  void visitVar(const VarNode &v) override { vars.insert(&v); }
};

std::set<const VarNode *> varsOf(const std::vector<Expr> &es) {
  VarCollector c;
  for (const Expr &e : es)
    c.visit(e);
  return c.vars;
}

// Marks as threaded the loop variables that index every store (a rank-0 scalar temporary does not
// count: it is private to the thread anyway).
void markThreaded(ParallelNest &n) {
  std::set<const VarNode *> common;
  for (const Var &v : n.vars)
    common.insert(v.get());
  for (const Access &a : accessesIn(n.body)) {
    if (!a.store || a.buffer->rank() == 0)
      continue;
    std::set<const VarNode *> used = varsOf(a.indices), keep;
    for (const VarNode *v : common)
      if (used.count(v))
        keep.insert(v);
    common = keep;
  }
  n.threaded.clear();
  for (const Var &v : n.vars)
    n.threaded.push_back(common.count(v.get()) > 0);
}

// A nest over a box of `shape` with fresh variables named after `names`.
ParallelNest boxNest(const std::vector<int64_t> &shape, const std::string &what) {
  static const char *names[] = {"i", "j", "k", "l"};
  ParallelNest n;
  for (size_t d = 0; d < shape.size(); ++d) {
    n.vars.push_back(var(d < 4 ? names[d] : "i" + std::to_string(d)));
    n.extents.push_back(shape[d]);
    n.mins.push_back(intImm(0));
  }
  n.what = what;
  return n;
}

std::vector<Expr> asExprs(const std::vector<Var> &vs) { return {vs.begin(), vs.end()}; }

Expr callAbs(const Expr &v) { return std::make_shared<Call>("abs", std::vector<Expr>{v}, v->dtype); }

} // namespace

class AccessCollector : public IRVisitor {
public:
  std::vector<Access> out;

protected:
  void visitLoad(const Load &e) override {
    IRVisitor::visitLoad(e);
    out.push_back({e.buffer, e.indices, false});
  }
  void visitStore(const Store &s) override {
    for (const Expr &i : s.indices)
      visit(i);
    visit(s.value);
    out.push_back({s.buffer, s.indices, true});
  }
};

std::vector<Access> accessesIn(const Stmt &body) {
  AccessCollector c;
  c.visit(body);
  return c.out;
}

ParallelNest nestFromFor(const For &outer) {
  ParallelNest n;
  const For *f = &outer;
  while (true) {
    auto ext = asConstInt(f->extent);
    if (!ext)
      fail(f->loc, "the GPU backend needs T.Parallel extents known at compile time ('" +
                       f->var->name + "' has extent " + printExpr(f->extent) + ")");
    n.vars.push_back(f->var);
    n.extents.push_back(*ext);
    n.mins.push_back(f->min);
    const For *inner = f->body->as<For>();
    if (!inner || inner->forKind != ForKind::Parallel)
      break;
    f = inner;
  }
  n.body = f->body;
  std::string names;
  for (const Var &v : n.vars)
    names += (names.empty() ? "" : ", ") + v->name;
  n.what = "T.Parallel over " + names;
  markThreaded(n);
  return n;
}

std::vector<Expr> regionIndices(const Region &r, const std::vector<Expr> &coords) {
  std::vector<Expr> idx;
  size_t k = 0;
  const std::vector<Expr> &ext = r.extents.empty() ? r.buffer->shape : r.extents;
  for (size_t d = 0; d < r.buffer->rank(); ++d) {
    Expr start = d < r.starts.size() ? r.starts[d] : intImm(0);
    bool unit = asConstInt(ext[d]) == std::optional<int64_t>(1);
    idx.push_back(unit || k >= coords.size() ? start : sx::plus(start, coords[k++]));
  }
  return idx;
}

ParallelNest nestFromCopy(const Copy &c) {
  ParallelNest n = boxNest(opShape(c.dst), "T.copy " + c.src.buffer->name + " -> " + c.dst.buffer->name);
  std::vector<Expr> coords = asExprs(n.vars);
  Expr value = load(c.src.buffer, regionIndices(c.src, coords));
  n.body = std::make_shared<Store>(c.dst.buffer, regionIndices(c.dst, coords), value, c.loc);
  markThreaded(n);
  return n;
}

ParallelNest nestFromFill(const Fill &f) {
  ParallelNest n = boxNest(opShape(f.dst), "T.fill " + f.dst.buffer->name);
  n.body = std::make_shared<Store>(f.dst.buffer, regionIndices(f.dst, asExprs(n.vars)), f.value, f.loc);
  markThreaded(n);
  return n;
}

ParallelNest nestFromMap(const Map &m) {
  ParallelNest n;
  n.vars = m.axes;
  for (size_t d = 0; d < m.axes.size(); ++d) {
    auto ext = asConstInt(m.dst.extents.empty() ? m.dst.buffer->shape[d] : m.dst.extents[d]);
    if (!ext)
      fail(m.loc, "the GPU backend needs tile extents known at compile time");
    n.extents.push_back(*ext);
    n.mins.push_back(intImm(0));
  }
  std::vector<Expr> idx;
  for (size_t d = 0; d < m.axes.size(); ++d)
    idx.push_back(sx::plus(d < m.dst.starts.size() ? m.dst.starts[d] : intImm(0), m.axes[d]));
  n.body = std::make_shared<Store>(m.dst.buffer, idx, m.value, m.loc);
  n.what = "element-wise " + m.dst.buffer->name;
  markThreaded(n);
  return n;
}

ParallelNest nestFromGemm(const Gemm &g) {
  std::vector<int64_t> cShape = opShape(g.c), aShape = opShape(g.a);
  int64_t kExtent = g.transposeA ? aShape[0] : aShape[1];
  ParallelNest n = boxNest(cShape, "T.gemm " + g.a.buffer->name + " x " + g.b.buffer->name + " -> " +
                                       g.c.buffer->name + " (scalar)");
  Var k = var("kk"); // `k` is often the user's K-loop variable
  Expr i = n.vars[0], j = n.vars[1];
  DType acc = g.c.buffer->dtype;
  Expr a = sx::cast(acc, load(g.a.buffer, regionIndices(g.a, g.transposeA ? std::vector<Expr>{k, i}
                                                                            : std::vector<Expr>{i, k})));
  Expr b = sx::cast(acc, load(g.b.buffer, regionIndices(g.b, g.transposeB ? std::vector<Expr>{j, k}
                                                                            : std::vector<Expr>{k, j})));
  std::vector<Expr> cIdx = regionIndices(g.c, {i, j});
  Expr sum = binary(BinaryOp::Add, load(g.c.buffer, cIdx), binary(BinaryOp::Mul, a, b));
  Stmt update = std::make_shared<Store>(g.c.buffer, cIdx, sum, g.loc);
  Stmt loop = std::make_shared<For>(k, intImm(0), intImm(kExtent), ForKind::Serial, update, g.loc);
  if (g.clearAccum)
    loop = seq({std::make_shared<Store>(g.c.buffer, cIdx, sx::cast(acc, floatImm(0)), g.loc), loop});
  n.body = loop;
  markThreaded(n);
  return n;
}

Expr reduceInit(ReduceKind k, DType t) {
  double v = 0;
  if (k == ReduceKind::Max)
    v = -INFINITY;
  if (k == ReduceKind::Min)
    v = INFINITY;
  if (isInt(t) && std::isinf(v))
    return intImm(v > 0 ? INT32_MAX : INT32_MIN);
  return floatImm(v, t);
}

Expr reduceCombine(ReduceKind k, const Expr &acc, const Expr &value) {
  Expr v = sx::cast(acc->dtype, value);
  switch (k) {
  case ReduceKind::Sum: return binary(BinaryOp::Add, acc, v);
  case ReduceKind::AbsSum: return binary(BinaryOp::Add, acc, callAbs(v));
  case ReduceKind::Max: return binary(BinaryOp::Max, acc, v);
  case ReduceKind::AbsMax: return binary(BinaryOp::Max, acc, callAbs(v));
  case ReduceKind::Min: return binary(BinaryOp::Min, acc, v);
  }
  return acc;
}

// The indices of element (row, col) of a region's 2-D view (ir/MatrixView.h): a 1-D region is
// one row, a (32, 1) region one column.
static std::vector<Expr> viewIndices(const Region &r, const std::array<int, 2> &view, const Expr &row,
                                     const Expr &col) {
  std::vector<Expr> idx;
  for (size_t d = 0; d < r.buffer->rank(); ++d)
    idx.push_back(d < r.starts.size() ? r.starts[d] : intImm(0));
  if (view[0] >= 0)
    idx[view[0]] = sx::plus(idx[view[0]], row);
  idx[view[1]] = sx::plus(idx[view[1]], col);
  return idx;
}

ParallelNest nestFromReduce(const Reduce &r) {
  const std::vector<Expr> &ext = r.src.extents.empty() ? r.src.buffer->shape : r.src.extents;
  auto view = matrixViewDims(ext);
  if (!view)
    fail(r.loc, "the GPU backend reduces 1-D or 2-D tiles only");
  opShape(r.src); // every extent known at compile time
  int64_t shape[2];
  for (int v = 0; v < 2; ++v)
    shape[v] = (*view)[v] < 0 ? 1 : *asConstInt(ext[(*view)[v]]);
  ParallelNest n = boxNest({shape[1 - r.dim]},
                           std::string("T.reduce_") + reduceKindName(r.reduceKind) + " " +
                               r.src.buffer->name + " -> " + r.dst.buffer->name);
  DType t = r.dst.buffer->dtype;
  Buffer tmp = std::make_shared<BufferNode>(r.dst.buffer->name + "_red", std::vector<Expr>{}, t, Scope::Local);
  Var j = var("j");
  Expr i = n.vars[0];
  std::vector<Expr> srcIdx = r.dim == 1 ? viewIndices(r.src, *view, i, j) : viewIndices(r.src, *view, j, i);
  std::vector<Expr> dstIdx = regionIndices(r.dst, {i});
  Stmt init = std::make_shared<Store>(tmp, std::vector<Expr>{}, reduceInit(r.reduceKind, t), r.loc);
  Stmt step = std::make_shared<Store>(tmp, std::vector<Expr>{},
                                      reduceCombine(r.reduceKind, load(tmp, {}), load(r.src.buffer, srcIdx)), r.loc);
  Stmt loop = std::make_shared<For>(j, intImm(0), intImm(shape[r.dim]), ForKind::Serial, step, r.loc);
  Expr result = r.clear ? load(tmp, {}) : reduceCombine(r.reduceKind, load(r.dst.buffer, dstIdx), load(tmp, {}));
  n.body = seq({init, loop, std::make_shared<Store>(r.dst.buffer, dstIdx, result, r.loc)});
  markThreaded(n);
  return n;
}

int pickDriver(const ParallelNest &n, const std::vector<Access> &acc,
               const std::function<bool(const Buffer &)> &distributed) {
  std::vector<const VarNode *> threaded;
  for (size_t d = 0; d < n.vars.size(); ++d)
    if (n.threaded[d])
      threaded.push_back(n.vars[d].get());
  auto exact = [&](const Access &a) {
    if (a.indices.size() != threaded.size() || a.indices.empty())
      return false;
    std::set<const VarNode *> seen;
    auto shape = constShape(a.buffer);
    for (size_t d = 0; d < a.indices.size(); ++d) {
      const VarNode *v = a.indices[d]->as<VarNode>();
      size_t pos = 0;
      while (pos < n.vars.size() && n.vars[pos].get() != v)
        ++pos;
      if (!v || pos == n.vars.size() || !n.threaded[pos] || !seen.insert(v).second)
        return false;
      if (!shape || (*shape)[d] != n.extents[pos] || asConstInt(n.mins[pos]) != std::optional<int64_t>(0))
        return false;
    }
    return true;
  };
  for (int pass = 0; pass < 2; ++pass)
    for (size_t i = 0; i < acc.size(); ++i)
      if (acc[i].store == (pass == 0) && distributed(acc[i].buffer) && exact(acc[i]))
        return static_cast<int>(i);
  return -1;
}

} // namespace tilec::gpu
