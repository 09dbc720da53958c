// 128-bit global accesses for a parallel nest spread flat over the threads (LowerNest.cpp).
//
// When every global access of a straight-line nest body reads or writes `base + j` in its
// innermost dimension (j the innermost loop variable, base a known multiple of the vector
// width, rows a multiple of it), each thread takes `lanes` consecutive j at once: one vector
// load per global load site into registers, the body per lane on registers, one vector store
// per global store site. Vectors that the ranges do not prove inside the tensor (and, for a
// symbolic row length, rows that are not a multiple of the width) take the scalar tail: the
// same lanes, one guarded element at a time. Allocations are 16-byte aligned (the launcher's
// are), so a flat offset that is a multiple of the width is an aligned address.
#include "target/gpu/SimtLowering.h"

#include "ir/Functor.h"
#include "ir/Printer.h"

#include <algorithm>
#include <map>

namespace tilec::gpu {

using namespace ir;
using sx::i32;
using sx::plus;
using sx::times;

int64_t knownMultiple(const Expr &e) {
  if (auto v = asConstInt(e))
    return *v == 0 ? (int64_t(1) << 30) : (*v & -*v);
  if (auto *b = e->as<Binary>()) {
    if (b->op == BinaryOp::Mul)
      return std::min<int64_t>(knownMultiple(b->a) * knownMultiple(b->b), int64_t(1) << 30);
    if (b->op == BinaryOp::Add || b->op == BinaryOp::Sub)
      return std::min(knownMultiple(b->a), knownMultiple(b->b));
  }
  return 1;
}

namespace {

bool mentions(const Expr &e, const VarNode *v) {
  struct Find : IRVisitor {
    const VarNode *v;
    bool found = false;
    void visitVar(const VarNode &n) override { found |= &n == v; }
  } f;
  f.v = v;
  f.visit(e);
  return f.found;
}

// Replaces the listed loads (by node identity) with variables.
class LoadsToVars : public IRMutator {
public:
  std::map<const Load *, Var> vars;

protected:
  Expr mutateLoad(const Expr &e, const Load &n) override {
    auto it = vars.find(&n);
    return it == vars.end() ? IRMutator::mutateLoad(e, n) : Expr(it->second);
  }
};

// The conjunction of `conds` (null ones mean true), each distinct condition once: operands that
// share a row length or an index would otherwise repeat the same test.
Expr allOf(const std::vector<Expr> &conds) {
  Expr out;
  std::set<std::string> seen;
  for (const Expr &c : conds)
    if (c && seen.insert(printExpr(c)).second)
      out = sx::land(out, c);
  return out;
}

} // namespace

std::optional<std::vector<const Store *>> straightStores(const Stmt &s, std::vector<Stmt> &keep) {
  if (auto *l = s->as<LetStmt>()) {
    Stmt inlined = substitute(l->body, {{l->var.get(), l->value}});
    keep.push_back(inlined);
    return straightStores(inlined, keep);
  }
  if (auto *st = s->as<Store>()) {
    if (st->isAtomic()) // one element per atomic instruction
      return std::nullopt;
    return std::vector<const Store *>{st};
  }
  if (auto *seq = s->as<Seq>()) {
    std::vector<const Store *> all;
    for (const Stmt &c : seq->stmts) {
      auto part = straightStores(c, keep);
      if (!part)
        return std::nullopt;
      all.insert(all.end(), part->begin(), part->end());
    }
    return all;
  }
  return std::nullopt;
}

std::vector<const Load *> memoryLoads(const Expr &e, const std::function<bool(const Buffer &)> &inMemory) {
  struct Collect : IRVisitor {
    const std::function<bool(const Buffer &)> *inMemory;
    std::vector<const Load *> out;
    void visitLoad(const Load &n) override {
      if ((*inMemory)(n.buffer))
        out.push_back(&n);
      IRVisitor::visitLoad(n);
    }
  } c;
  c.inMemory = &inMemory;
  c.visit(e);
  return c.out;
}

std::vector<const Load *> globalLoads(const Expr &e) {
  return memoryLoads(e, [](const Buffer &b) { return b->scope == Scope::Global; });
}

namespace {

// `base` when index `e` is `j`, `j + base` or `base + j` with base free of j; null otherwise.
Expr unitStepBase(const Expr &e, const VarNode *j) {
  if (e->as<VarNode>() == j)
    return i32(0);
  if (auto *add = e->as<Binary>(); add && add->op == BinaryOp::Add) {
    if (add->a->as<VarNode>() == j && !mentions(add->b, j))
      return add->b;
    if (add->b->as<VarNode>() == j && !mentions(add->a, j))
      return add->a;
  }
  return nullptr;
}

} // namespace

int runLengthOf(const ParallelNest &n, const VarNode *j, int limit, const InMemory &inMemory) {
  std::vector<Stmt> keep;
  auto stores = straightStores(n.body, keep);
  if (!stores)
    return 1;
  int run = limit;
  bool allThreaded = std::all_of(n.threaded.begin(), n.threaded.end(), [](bool t) { return t; });
  std::set<const BufferNode *> loaded, stored;
  auto site = [&](const Buffer &b, const std::vector<Expr> &idx) {
    bool depends = std::any_of(idx.begin(), idx.end(), [&](const Expr &e) { return mentions(e, j); });
    if (!depends)
      return; // the same element for every j of a run: read once, or stored once per run
    if (!allThreaded) {
      run = 1; // serial loops inside the nest: lowered element by element (LowerNest.cpp)
      return;
    }
    Expr base = idx.empty() ? nullptr : unitStepBase(idx.back(), j);
    for (size_t d = 0; d + 1 < idx.size(); ++d)
      if (mentions(idx[d], j))
        base = nullptr;
    if (!base) {
      run = 1;
      return;
    }
    auto row = asConstInt(b->shape.back());
    while (run > 1 && (run * dtypeBytes(b->dtype) > 16 || knownMultiple(fold(base)) % run || (row && *row % run)))
      run /= 2;
  };
  for (const Store *st : *stores) {
    for (const Load *l : memoryLoads(st->value, inMemory)) {
      site(l->buffer, l->indices);
      loaded.insert(l->buffer.get());
    }
    for (const Expr &i : st->indices)
      if (!memoryLoads(i, inMemory).empty())
        return 1;
    if (inMemory(st->buffer)) {
      site(st->buffer, st->indices);
      stored.insert(st->buffer.get());
    }
  }
  for (const BufferNode *b : stored)
    if (loaded.count(b))
      return 1;
  return run;
}

bool indexesAlong(const Access &a, const VarNode *j) {
  return std::any_of(a.indices.begin(), a.indices.end(), [&](const Expr &e) { return mentions(e, j); });
}

bool accessesAlong(const ParallelNest &n, const VarNode *j, Scope scope) {
  for (const Access &a : accessesIn(n.body))
    if (a.buffer->scope == scope && indexesAlong(a, j))
      return true;
  return false;
}

bool movesInRuns(const ParallelNest &n, const VarNode *j, int vec, const InMemory &inMemory) {
  if (vec < 2 || runLengthOf(n, j, vec, inMemory) != vec)
    return false;
  for (const Access &a : accessesIn(n.body))
    if (inMemory(a.buffer) && indexesAlong(a, j))
      return true;
  return false;
}

std::optional<SStmt> SimtLowering::lowerVectorNest(const ParallelNest &n, const StageIndex &stages) {
  if (n.vars.empty() || !std::all_of(n.threaded.begin(), n.threaded.end(), [](bool t) { return t; }) ||
      asConstInt(n.mins.back()) != int64_t(0))
    return std::nullopt;
  std::vector<Stmt> keep;
  auto stores = straightStores(n.body, keep);
  if (!stores)
    return std::nullopt;
  const VarNode *j = n.vars.back().get();

  // Every global access: indices free of j but the innermost, which is `base + j`.
  struct Site {
    const Load *load = nullptr; // null: the store's target
    const Store *store = nullptr;
    Buffer buffer;
    std::vector<Expr> indices;
  };
  std::vector<Site> sites;
  std::set<const BufferNode *> loaded, stored;
  int maxBytes = 0;
  auto accept = [&](const Buffer &b, const std::vector<Expr> &idx) {
    for (size_t d = 0; d + 1 < idx.size(); ++d)
      if (mentions(idx[d], j))
        return false;
    if (idx.empty())
      return false;
    const Expr &last = idx.back();
    bool unitStep = last->as<VarNode>() == j;
    if (auto *add = last->as<Binary>(); add && add->op == BinaryOp::Add)
      unitStep = (add->a->as<VarNode>() == j && !mentions(add->b, j)) ||
                 (add->b->as<VarNode>() == j && !mentions(add->a, j));
    maxBytes = std::max(maxBytes, dtypeBytes(b->dtype));
    return unitStep;
  };
  for (const Store *st : *stores) {
    for (const Load *l : globalLoads(st->value)) {
      if (!accept(l->buffer, l->indices))
        return std::nullopt;
      sites.push_back({l, nullptr, l->buffer, l->indices});
      loaded.insert(l->buffer.get());
    }
    for (const Expr &i : st->indices)
      if (!globalLoads(i).empty())
        return std::nullopt;
    if (st->buffer->scope == Scope::Global) {
      if (!accept(st->buffer, st->indices))
        return std::nullopt;
      sites.push_back({nullptr, st, st->buffer, st->indices});
      stored.insert(st->buffer.get());
    }
  }
  if (sites.empty() || maxBytes == 0)
    return std::nullopt;
  for (const BufferNode *b : stored) // a vector load would run ahead of the store it must see
    if (loaded.count(b))
      return std::nullopt;
  int lanes = 16 / maxBytes;
  if (lanes < 2 || n.extents.back() % lanes)
    return std::nullopt;

  // Alignment: lane 0's innermost index is base + v * lanes; rows must keep it aligned.
  std::vector<Expr> rowChecks;
  for (const Site &s : sites) {
    Expr base = fold(substitute(s.indices.back(), {{j, i32(0)}}));
    if (knownMultiple(base) % lanes)
      return std::nullopt;
    const Expr &row = s.buffer->shape.back();
    if (auto c = asConstInt(row)) {
      if (*c % lanes)
        return std::nullopt;
    } else {
      rowChecks.push_back(binary(BinaryOp::Eq, sx::mod(row, i32(lanes)), i32(0)));
    }
  }

  std::vector<int64_t> extents = n.extents;
  extents.back() /= lanes;
  std::vector<Var> vars(n.vars.begin(), n.vars.end() - 1);
  Var v = var("v"), l = var("l");
  vars.push_back(v);
  setRange(l, {0, lanes - 1});
  NestCtx ctx;
  ctx.loc = n.loc;
  Place at{stages, &ctx};
  auto laneIndex = [&](const std::vector<Expr> &idx, const Expr &jValue) {
    std::vector<Expr> out;
    for (const Expr &e : idx)
      out.push_back(fold(rewrite(substitute(e, {{j, jValue}}), at)));
    return out;
  };

  // One register array per site; a store's value goes to its site's registers.
  std::vector<Buffer> regs;
  LoadsToVars toVars;
  std::map<const VarNode *, Expr> fromVars;
  std::map<const Store *, Buffer> storeRegs;
  for (const Site &s : sites) {
    regs.push_back(newRegisters(s.buffer->name + "_v", lanes, s.buffer->dtype));
    k_.vectorRegisters.insert(regs.back().get());
    if (s.load) {
      Var x = var(s.buffer->name + "_x", s.buffer->dtype);
      toVars.vars[s.load] = x;
      fromVars[x.get()] = sx::ld(regs.back(), {l});
    } else {
      storeRegs[s.store] = regs.back();
    }
  }
  std::vector<Expr> values; // each store's value with its global loads as variables (j still free)
  for (const Store *st : *stores)
    values.push_back(toVars.mutate(st->value));

  SStmt body = spreadOverThreads(extents, vars, [&]() -> SStmt {
    Expr first = times(Expr(v), i32(lanes)), lane = plus(first, Expr(l));
    std::vector<SStmt> pre, perLane, post;
    std::vector<Expr> checks = rowChecks;
    for (size_t k = 0; k < sites.size(); ++k) {
      const Site &s = sites[k];
      std::vector<Expr> idx = laneIndex(s.indices, first);
      checks.push_back(inBounds(s.buffer, idx, lanes));
      if (s.load)
        pre.push_back(std::make_shared<SVecCopy>(regs[k], std::vector<Expr>{i32(0)}, s.buffer, idx, lanes));
      else
        post.push_back(std::make_shared<SVecCopy>(s.buffer, idx, regs[k], std::vector<Expr>{i32(0)}, lanes));
    }
    for (size_t k = 0; k < stores->size(); ++k) {
      const Store *st = (*stores)[k];
      Expr value = substitute(rewrite(substitute(values[k], {{j, lane}}), at), fromVars);
      if (st->buffer->scope == Scope::Global)
        perLane.push_back(sstore(storeRegs.at(st), {Expr(l)}, value));
      else
        perLane.push_back(storeTo(st->buffer, laneIndex(st->indices, lane), value, at));
    }
    Expr vectorOk = allOf(checks);
    SStmt vector = sseq({sseq(pre), sfor(l, lanes, true, sseq(perLane)), sseq(post)});
    if (!vectorOk)
      return vector;
    // The tail: the same lanes one guarded element at a time.
    SStmt scalar = sfor(l, lanes, true, lowerThreadStmt(substitute(n.body, {{j, lane}}), at));
    return std::make_shared<SIf>(vectorOk, vector, scalar);
  });
  return body;
}

} // namespace tilec::gpu

namespace tilec::gpu {

// A nest driven by a 2-D RowGroup fragment laid out in runs of `vec` columns (Layout.h) whose
// global accesses move whole runs (movesInRuns): each thread walks its runs; per run, one vector
// load per global load site that depends on the column, the body per element of the run on
// registers, one vector store per global store site. A run whose vectors the ranges do not prove
// inside the tensor (or whose rows a symbolic row length may misalign) takes the scalar tail: the
// same elements, one guarded access each. Row reductions need nothing of this: a thread's
// registers of a row are still a row's elements, reduced in any order.
std::optional<SStmt> SimtLowering::lowerVectorRuns(const ParallelNest &n, const Access &driver,
                                                   const std::vector<Access> &acc, const StageIndex &stages) {
  LayoutPtr layout = layoutOf(driver.buffer);
  if (!layout || layout->rank != 2 || layout->runLength() < 2 || driver.indices.size() != 2)
    return std::nullopt;
  const VarNode *j = driver.indices[1]->as<VarNode>();
  const int vec = layout->runLength();
  InMemory inMemory = [&](const Buffer &b) { return b->scope == Scope::Global || isShared(b); };
  if (!j || !movesInRuns(n, j, vec, inMemory))
    return std::nullopt;
  std::vector<Stmt> keep;
  auto stores = straightStores(n.body, keep);
  Var jVar;
  for (const Var &v : n.vars)
    if (v.get() == j)
      jVar = v;
  const VarNode *iNode = driver.indices[0]->as<VarNode>();
  std::optional<Var> iVar;
  for (const Var &v : n.vars)
    if (v.get() == iNode)
      iVar = v;

  // The sites that depend on the column: one register array of `vec` elements each.
  struct Site {
    const Load *load = nullptr; // null: the store's target
    const Store *store = nullptr;
    Buffer buffer;
    std::vector<Expr> indices;
    Buffer regs;
  };
  auto dependsOnJ = [&](const std::vector<Expr> &idx) {
    return std::any_of(idx.begin(), idx.end(), [&](const Expr &e) { return mentions(e, j); });
  };
  std::vector<Site> sites;
  LoadsToVars toVars;
  std::map<const VarNode *, Expr> fromVars;
  std::map<const Store *, Buffer> storeRegs;
  Var l = var("l");
  std::map<std::pair<const BufferNode *, std::string>, const Load *> firstLoad; // by buffer and indices
  std::map<const Load *, const Load *> repeats;   // a load of an element read before -> the first
  for (const Store *st : *stores) {
    for (const Load *ld : memoryLoads(st->value, inMemory)) {
      if (!dependsOnJ(ld->indices))
        continue;
      // One vector load per element read, however often the body names it (a let inlined into
      // several places repeats the same load, often the very same node).
      std::string indices;
      for (const Expr &e : ld->indices)
        indices += printExpr(e) + ",";
      auto [first, fresh] = firstLoad.try_emplace({ld->buffer.get(), indices}, ld);
      if (fresh)
        sites.push_back({ld, nullptr, ld->buffer, ld->indices, nullptr});
      else
        repeats[ld] = first->second;
    }
    if (inMemory(st->buffer) && dependsOnJ(st->indices))
      sites.push_back({nullptr, st, st->buffer, st->indices, nullptr});
  }
  for (Site &s : sites) {
    s.regs = newRegisters(s.buffer->name + "_v", vec, s.buffer->dtype);
    k_.vectorRegisters.insert(s.regs.get());
    if (s.load) {
      Var x = var(s.buffer->name + "_x", s.buffer->dtype);
      toVars.vars[s.load] = x;
      fromVars[x.get()] = sx::ld(s.regs, {l});
    } else {
      storeRegs[s.store] = s.regs;
    }
  }
  for (const auto &[ld, first] : repeats)
    toVars.vars[ld] = toVars.vars.at(first);
  std::vector<Expr> rowChecks; // a symbolic row length keeps every row's runs aligned only when it divides
  for (const Site &s : sites)
    if (s.buffer->scope == Scope::Global && !asConstInt(s.buffer->shape.back()))
      rowChecks.push_back(binary(BinaryOp::Eq, sx::mod(s.buffer->shape.back(), i32(vec)), i32(0)));

  NestCtx ctx;
  ctx.loc = n.loc;
  ctx.layout = layout;
  ctx.driverIdx = driver.indices;
  Var r = var("r"), q = var("q");
  ctx.reg = r;
  Place at{stages, &ctx};
  const int64_t runs = layout->regs() / vec;
  setRange(q, {0, runs - 1});
  setRange(l, {0, vec - 1});
  setRange(r, {0, layout->regs() - 1});
  std::vector<Expr> start = layout->runStart(tx_, q);
  Expr j0 = start[1], jLane = plus(j0, Expr(l)), rLane = plus(times(Expr(q), i32(vec)), Expr(l));
  // One element of the run: its register and column bound, `body` inside.
  auto element = [&](SStmt body) { return bindVars({r, jVar}, {rLane, jLane}, body); };

  std::vector<SStmt> pre, perLane, post;
  std::vector<Expr> checks = rowChecks;
  for (const Site &s : sites) {
    std::vector<Expr> idx;
    for (const Expr &e : s.indices)
      idx.push_back(fold(rewrite(substitute(e, {{j, j0}}), at)));
    Buffer mem = s.buffer; // a shared tile: its SIMT array, the stage in front
    if (s.buffer->scope == Scope::Global)
      checks.push_back(inBounds(s.buffer, idx, vec));
    else
      mem = simt(s.buffer), idx = sharedIndices(s.buffer, idx, stages);
    if (s.load)
      pre.push_back(std::make_shared<SVecCopy>(s.regs, std::vector<Expr>{i32(0)}, mem, idx, vec));
    else
      post.push_back(std::make_shared<SVecCopy>(mem, idx, s.regs, std::vector<Expr>{i32(0)}, vec));
  }
  for (const Store *st : *stores) {
    Expr value = substitute(rewrite(toVars.mutate(st->value), at), fromVars);
    if (storeRegs.count(st))
      perLane.push_back(sstore(storeRegs.at(st), {Expr(l)}, value));
    else
      perLane.push_back(storeTo(st->buffer, st->indices, value, at));
  }
  SStmt vector = sseq({sseq(pre), sfor(l, vec, true, element(sseq(perLane))), sseq(post)});
  Expr vectorOk = allOf(checks);
  SStmt run = vector;
  if (vectorOk) // the tail: the same elements one guarded access at a time
    run = std::make_shared<SIf>(vectorOk, vector, sfor(l, vec, true, element(lowerThreadStmt(n.body, at))));
  if (iVar)
    run = bindVars({*iVar}, {start[0]}, run);
  Expr who = sx::land(layout->valid(tx_, times(Expr(q), i32(vec))), oneReplicaGuard(*layout, acc));
  return sfor(q, runs, true, sif(who, run));
}

} // namespace tilec::gpu
