#include "target/gpu/Nests.h"

#include "ir/Accesses.h"
#include "ir/Functor.h"
#include "ir/MatrixView.h"
#include "ir/Printer.h"
#include "target/gpu/Layout.h"
#include "target/gpu/Simt.h"

#include <cmath>
#include <map>
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

std::vector<Access> accessesIn(const Stmt &body) {
  std::vector<Access> out;
  for (const ir::Access &a : accessesOf(body))
    if (a.indices) // a nest's body is loads and stores; a region has no single element
      out.push_back({a.buffer, *a.indices, a.write});
  return out;
}

bool sameElement(const Access &a, const Access &b) {
  auto sa = constShape(a.buffer), sb = constShape(b.buffer);
  if (!sa || !sb || a.indices.size() != b.indices.size())
    return false;
  for (size_t d = 0; d < a.indices.size(); ++d)
    if (!sameCoordinate(a.indices[d], (*sa)[d], b.indices[d], (*sb)[d]))
      return false;
  return true;
}

// A loop of extent 1 runs once at its min: its variable is replaced by the min, so that
// `x[i, j]` over T.Parallel(1, N) and `x[0, j]` (what the simplifier leaves of the same loop)
// are one access pattern.
static void dropUnitLoops(ParallelNest &n) {
  std::map<const VarNode *, Expr> fixed;
  ParallelNest kept = n;
  kept.vars.clear(), kept.extents.clear(), kept.mins.clear();
  for (size_t d = 0; d < n.vars.size(); ++d) {
    if (n.extents[d] == 1) {
      fixed[n.vars[d].get()] = n.mins[d];
      continue;
    }
    kept.vars.push_back(n.vars[d]);
    kept.extents.push_back(n.extents[d]);
    kept.mins.push_back(n.mins[d]);
  }
  if (fixed.empty())
    return;
  kept.body = substitute(n.body, fixed);
  n = std::move(kept);
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
  n.loc = outer.loc;
  dropUnitLoops(n);
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
  n.loc = c.loc;
  markThreaded(n);
  return n;
}

ParallelNest nestFromFill(const Fill &f) {
  ParallelNest n = boxNest(opShape(f.dst), "T.fill " + f.dst.buffer->name);
  n.body = std::make_shared<Store>(f.dst.buffer, regionIndices(f.dst, asExprs(n.vars)), f.value, f.loc);
  n.loc = f.loc;
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
  n.loc = m.loc;
  dropUnitLoops(n);
  markThreaded(n);
  return n;
}

MatrixView matrixView(const Region &r, const char *role, SourceLoc loc) {
  const std::vector<Expr> &ext = r.extents.empty() ? r.buffer->shape : r.extents;
  for (const Expr &e : ext)
    if (!asConstInt(e))
      fail(loc, std::string("the GPU backend needs tile extents known at compile time (") + role + " '" +
                    r.buffer->name + "' has a symbolic extent)");
  auto dims = matrixViewDims(ext);
  if (!dims) {
    size_t nonUnit = 0;
    for (const Expr &e : ext)
      nonUnit += *asConstInt(e) != 1;
    fail(loc, std::string(role) + " '" + r.buffer->name + "' must be a 2-D tile region (it has " +
                  std::to_string(nonUnit) + " dimensions of extent > 1)");
  }
  MatrixView m;
  m.row = (*dims)[0], m.col = (*dims)[1];
  if (m.row >= 0)
    m.rows = *asConstInt(ext[m.row]);
  if (m.col >= 0)
    m.cols = *asConstInt(ext[m.col]);
  return m;
}

std::vector<Expr> matrixIndices(const Region &r, const MatrixView &m, const Expr &row, const Expr &col) {
  std::vector<Expr> idx;
  for (size_t d = 0; d < r.buffer->rank(); ++d) {
    Expr start = d < r.starts.size() ? r.starts[d] : intImm(0);
    Expr coord = int(d) == m.row ? row : int(d) == m.col ? col : nullptr;
    idx.push_back(coord ? sx::plus(start, coord) : start);
  }
  return idx;
}

ParallelNest nestFromGemm(const Gemm &g) {
  MatrixView a = matrixView(g.a, "gemm A", g.loc), b = matrixView(g.b, "gemm B", g.loc),
             c = matrixView(g.c, "gemm C", g.loc);
  int64_t kExtent = g.transposeA ? a.rows : a.cols;
  ParallelNest n = boxNest({c.rows, c.cols}, "T.gemm " + g.a.buffer->name + " x " + g.b.buffer->name +
                                                 " -> " + g.c.buffer->name + " (scalar)");
  Var k = var("kk"); // `k` is often the user's K-loop variable
  Expr i = n.vars[0], j = n.vars[1];
  DType acc = g.c.buffer->dtype;
  Expr av = sx::cast(acc, load(g.a.buffer, g.transposeA ? matrixIndices(g.a, a, k, i) : matrixIndices(g.a, a, i, k)));
  Expr bv = sx::cast(acc, load(g.b.buffer, g.transposeB ? matrixIndices(g.b, b, j, k) : matrixIndices(g.b, b, k, j)));
  std::vector<Expr> cIdx = matrixIndices(g.c, c, i, j);
  Expr sum = binary(BinaryOp::Add, load(g.c.buffer, cIdx), binary(BinaryOp::Mul, av, bv));
  Stmt update = std::make_shared<Store>(g.c.buffer, cIdx, sum, g.loc);
  Stmt loop = std::make_shared<For>(k, intImm(0), intImm(kExtent), ForKind::Serial, update, g.loc);
  if (g.clearAccum)
    loop = seq({std::make_shared<Store>(g.c.buffer, cIdx, sx::cast(acc, floatImm(0)), g.loc), loop});
  n.body = loop;
  n.loc = g.loc;
  dropUnitLoops(n);
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

ParallelNest nestFromReduce(const Reduce &r) {
  MatrixView src = matrixView(r.src, "reduce source", r.loc);
  int64_t kept = r.dim == 1 ? src.rows : src.cols, reduced = r.dim == 1 ? src.cols : src.rows;
  ParallelNest n = boxNest({kept}, std::string("T.reduce_") + reduceKindName(r.reduceKind) + " " +
                                       r.src.buffer->name + " -> " + r.dst.buffer->name);
  DType t = r.dst.buffer->dtype;
  Buffer tmp = std::make_shared<BufferNode>(r.dst.buffer->name + "_red", std::vector<Expr>{}, t, Scope::Local);
  Var j = var("j");
  Expr i = n.vars[0];
  std::vector<Expr> srcIdx = r.dim == 1 ? matrixIndices(r.src, src, i, j) : matrixIndices(r.src, src, j, i);
  std::vector<Expr> dstIdx = regionIndices(r.dst, {i});
  Stmt init = std::make_shared<Store>(tmp, std::vector<Expr>{}, reduceInit(r.reduceKind, t), r.loc);
  Stmt step = std::make_shared<Store>(tmp, std::vector<Expr>{},
                                      reduceCombine(r.reduceKind, load(tmp, {}), load(r.src.buffer, srcIdx)), r.loc);
  Stmt loop = std::make_shared<For>(j, intImm(0), intImm(reduced), ForKind::Serial, step, r.loc);
  Expr result = r.clear ? load(tmp, {}) : reduceCombine(r.reduceKind, load(r.dst.buffer, dstIdx), load(tmp, {}));
  n.body = seq({init, loop, std::make_shared<Store>(r.dst.buffer, dstIdx, result, r.loc)});
  n.loc = r.loc;
  dropUnitLoops(n);
  markThreaded(n);
  return n;
}

int pickDriver(const ParallelNest &n, const std::vector<Access> &acc,
               const std::function<bool(const Buffer &)> &distributed) {
  std::vector<const VarNode *> threaded;
  for (size_t d = 0; d < n.vars.size(); ++d)
    if (n.threaded[d])
      threaded.push_back(n.vars[d].get());
  // Every threaded variable indexes one dimension of matching extent; unit dimensions are
  // indexed at 0 (a one-row tile's row), so they pin nothing.
  auto exact = [&](const Access &a) {
    auto shape = constShape(a.buffer);
    if (a.indices.empty() || !shape)
      return false;
    std::set<const VarNode *> seen;
    for (size_t d = 0; d < a.indices.size(); ++d) {
      if (unitCoordinate(a.indices[d], (*shape)[d]))
        continue;
      const VarNode *v = a.indices[d]->as<VarNode>();
      size_t pos = 0;
      while (pos < n.vars.size() && n.vars[pos].get() != v)
        ++pos;
      if (!v || pos == n.vars.size() || !n.threaded[pos] || !seen.insert(v).second)
        return false;
      if ((*shape)[d] != n.extents[pos] || asConstInt(n.mins[pos]) != std::optional<int64_t>(0))
        return false;
    }
    return seen.size() == threaded.size();
  };
  for (int pass = 0; pass < 2; ++pass)
    for (size_t i = 0; i < acc.size(); ++i)
      if (acc[i].store == (pass == 0) && distributed(acc[i].buffer) && exact(acc[i]))
        return static_cast<int>(i);
  return -1;
}

} // namespace tilec::gpu
