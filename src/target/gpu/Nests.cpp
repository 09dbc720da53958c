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

} // namespace

// A rank-0 scalar temporary does not count as a store: it is private to the thread anyway.
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

std::vector<Access> accessesIn(const Stmt &body) {
  std::vector<Access> out;
  for (const ir::Access &a : accessesOf(body))
    if (a.indices) // a nest's body is loads and stores; a region has no single element
      out.push_back({a.buffer, *a.indices, a.write, a.atomic, a.loc});
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

// So that `x[i, j]` over T.Parallel(1, N) and `x[0, j]` (what the simplifier leaves of the same
// loop) are one access pattern.
void dropUnitLoops(ParallelNest &n) {
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
