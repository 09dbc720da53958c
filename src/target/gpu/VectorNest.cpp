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

// The body as straight-line stores with its lets substituted; nullopt for anything else
// (ifs, loops, barriers, tile ops keep the scalar path).
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

// The global loads of an expression, in evaluation order.
std::vector<const Load *> globalLoads(const Expr &e) {
  struct Collect : IRVisitor {
    std::vector<const Load *> out;
    void visitLoad(const Load &n) override {
      if (n.buffer->scope == Scope::Global)
        out.push_back(&n);
      IRVisitor::visitLoad(n);
    }
  } c;
  c.visit(e);
  return c.out;
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
