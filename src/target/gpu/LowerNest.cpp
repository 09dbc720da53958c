// A parallel nest (a T.Parallel loop nest, or the element-wise form of a tile op, Nests.h) onto
// the block's threads:
//   - a nest that touches a register fragment iterates that fragment's registers (the layout
//     says which element each register holds), so no thread touches another thread's registers;
//   - any other nest is spread flat over the threads, innermost index fastest (coalesced);
//   - a nest with nothing to spread runs on every thread, or on thread 0 when it writes memory
//     other threads see.
#include "target/gpu/SimtLowering.h"

#include <numeric>

namespace tilec::gpu {

using namespace ir;
using sx::div;
using sx::i32;
using sx::mod;
using sx::plus;
using sx::times;

// Index variables of a flat iteration `it * T + tx` over `extents` (innermost fastest), written
// so that the common cases read naturally (`j = tx % 32`, `i = it * 4 + tx / 32`).
std::vector<Expr> SimtLowering::decomposeFlat(const std::vector<int64_t> &extents, const Expr &it,
                                              int64_t itCount) const {
  std::vector<Expr> out(extents.size());
  Expr itE = it, t = tx_;
  int64_t c = f_.threads, tHi = f_.threads - 1;
  for (size_t d = extents.size(); d-- > 0;) {
    int64_t e = extents[d];
    if (c % e == 0) {
      out[d] = tHi < e ? t : mod(t, i32(e));
      t = div(t, i32(e));
      tHi /= e;
      c /= e;
    } else if (e % c == 0) {
      int64_t q = e / c;
      out[d] = plus(times(itCount <= q ? itE : mod(itE, i32(q)), i32(c)), t);
      itE = itCount <= q ? i32(0) : div(itE, i32(q));
      itCount = (itCount + q - 1) / q;
      t = i32(0), tHi = 0, c = 1;
    } else {
      Expr flat = plus(times(itE, i32(c)), t);
      out[d] = mod(flat, i32(e));
      itE = div(flat, i32(e));
      t = i32(0), tHi = 0, c = 1;
    }
  }
  return out;
}

// Wraps `body` in lets binding `vars` (skipping unused ones, which nvcc would warn about).
SStmt SimtLowering::bindVars(const std::vector<Var> &vars, const std::vector<Expr> &values, SStmt body) {
  for (size_t d = vars.size(); d-- > 0;) {
    if (!body || !usesVar(body, vars[d].get()))
      continue;
    if (auto r = rangeOf(values[d]))
      ranges_[vars[d].get()] = *r;
    if (values[d]->as<VarNode>() || values[d]->as<IntImm>())
      body = substituteS(body, {{vars[d].get(), values[d]}});
    else
      body = std::make_shared<SLet>(vars[d], values[d], body);
  }
  return body;
}

SStmt SimtLowering::spreadOverThreads(const std::vector<int64_t> &extents, const std::vector<Var> &vars,
                                      const std::function<SStmt()> &make) {
  int64_t total = std::accumulate(extents.begin(), extents.end(), int64_t(1), std::multiplies<>());
  int64_t iters = (total + f_.threads - 1) / f_.threads;
  Var it = var("it");
  ranges_[it.get()] = {0, iters - 1};
  std::vector<Expr> idx = decomposeFlat(extents, it, iters);
  for (size_t d = 0; d < vars.size(); ++d)
    if (auto r = rangeOf(idx[d]))
      ranges_[vars[d].get()] = *r;
  SStmt body = bindVars(vars, idx, make());
  Expr guard = total % f_.threads == 0 ? nullptr : sx::lt(plus(times(it, i32(f_.threads)), tx_), i32(total));
  return sfor(it, iters, false, sif(guard, body));
}

// One element's code: the nest's body, inside the loops of its serial (not threaded) variables.
SStmt SimtLowering::nestBody(const ParallelNest &n, const Place &at) {
  SStmt inner = lowerThreadStmt(n.body, at);
  for (size_t v = n.vars.size(); v-- > 0;)
    if (!n.threaded[v])
      inner = sfor(n.vars[v], n.mins[v], i32(n.extents[v]), false, inner);
  return inner;
}

// A nest driven by a register fragment: each thread walks the registers it holds, and each loop
// variable is the driver's coordinate in the dimension it indexes (unit dimensions, indexed at 0,
// bind nothing).
SStmt SimtLowering::lowerDrivenNest(const ParallelNest &n, const Access &driver, const std::vector<Access> &acc,
                                    const StageIndex &stages) {
  NestCtx ctx;
  ctx.loc = n.loc;
  ctx.layout = layoutOf(driver.buffer);
  Var r = var("r");
  ctx.reg = r;
  ctx.driverIdx = driver.indices;
  std::vector<Expr> all = ctx.layout->element(tx_, r), elem;
  std::vector<Var> vars;
  for (size_t dim = 0; dim < driver.indices.size(); ++dim)
    for (const Var &v : n.vars)
      if (v.get() == driver.indices[dim]->as<VarNode>())
        vars.push_back(v), elem.push_back(all[dim]);
  ranges_[r.get()] = {0, ctx.layout->regs() - 1};
  SStmt inner = bindVars(vars, elem, nestBody(n, Place{stages, &ctx}));
  Expr who = sx::land(ctx.layout->valid(tx_, r), oneReplicaGuard(*ctx.layout, acc));
  return sfor(r, ctx.layout->regs(), true, sif(who, inner));
}

SStmt SimtLowering::lowerNest(const ParallelNest &n, const StageIndex &stages) {
  std::vector<Access> acc = accessesIn(n.body);
  int d = pickDriver(n, acc, [&](const Buffer &b) { return distributed(b); });
  for (size_t v = 0; v < n.vars.size(); ++v)
    setRange(n.vars[v], n.mins[v], i32(n.extents[v]));
  if (d >= 0) {
    if (auto runs = lowerVectorRuns(n, acc[d], acc, stages))
      return std::make_shared<SOp>(n.what, *runs);
    return std::make_shared<SOp>(n.what, lowerDrivenNest(n, acc[d], acc, stages));
  }
  NestCtx ctx;
  ctx.loc = n.loc;
  Place at{stages, &ctx};
  std::vector<Var> threadedVars;
  std::vector<int64_t> threadedExtents;
  for (size_t v = 0; v < n.vars.size(); ++v)
    if (n.threaded[v])
      threadedVars.push_back(n.vars[v]), threadedExtents.push_back(n.extents[v]);
  if (auto vec = lowerVectorNest(n, stages))
    return std::make_shared<SOp>(n.what, *vec);
  SStmt body = threadedVars.empty()
                   ? onOneThreadIfShared(n.body, nestBody(n, at))
                   : spreadOverThreads(threadedExtents, threadedVars, [&]() { return nestBody(n, at); });
  return std::make_shared<SOp>(n.what, body);
}

// A replicated driver (a RowVector: several threads hold each row) runs every element on all
// of its replicas. When the nest writes only memory other threads see (shared, global), one
// replica does the work: otherwise the replicas would read and write the same elements in one
// barrier interval, a data race. Null when no guard is needed; a nest that also writes
// registers needs every replica and is left as it is.
Expr SimtLowering::oneReplicaGuard(const Layout &driver, const std::vector<Access> &acc) const {
  Expr primary = driver.primary(tx_);
  if (!primary)
    return nullptr;
  bool writesShared = false, atomic = false;
  const Access *registerWrite = nullptr;
  for (const Access &a : acc) {
    if (!a.store)
      continue;
    atomic = atomic || a.atomic;
    if (layoutOf(a.buffer))
      registerWrite = &a;
    else
      writesShared = true;
  }
  // Every replica would apply the update again: a plain store writes the same value twice, an
  // atomic one adds it twice. So a nest with atomics must run on one replica only.
  if (registerWrite && atomic)
    fail(registerWrite->loc, "this T.Parallel nest both updates memory atomically and writes the fragment " +
                                 registerWrite->buffer->name + ", whose rows several threads hold; "
                                 "put the atomic update in a T.Parallel nest of its own");
  if (registerWrite)
    return nullptr;
  return writesShared ? primary : nullptr;
}

SStmt SimtLowering::onOneThreadIfShared(const Stmt &tileCode, SStmt body) const {
  for (const Access &a : accessesIn(tileCode))
    if (a.store && (a.buffer->scope == Scope::Global || isShared(a.buffer)))
      return sif(binary(BinaryOp::Eq, tx_, i32(0)), body);
  return body;
}

} // namespace tilec::gpu
