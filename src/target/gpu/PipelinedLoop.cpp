// T.Pipelined(num_stages = S) on the GPU: a software pipeline. The loop's global -> shared copies
// get S buffers each (the stage is a leading dimension) and are issued with cp.async S - 1
// iterations ahead of the compute that reads them: before the loop, the copies of iterations
// 0 .. S-2; in iteration k, those of k + S - 1, then a wait for iteration k's group. A copy need
// not lead the body (flash attention copies V after the softmax): any top-level copy whose
// destination nothing earlier in the iteration touches, and whose source the loop does not write
// and addresses without loading anything, runs ahead.
#include "target/gpu/SimtLowering.h"
#include "target/gpu/ops/Ops.h"

#include "ir/Accesses.h"
#include "ir/Functor.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace tilec::gpu {

using namespace ir;
using sx::i32;
using sx::mod;
using sx::plus;

namespace {

// Whether a statement's accesses go only through its tile-op operands (no loads in a region's
// bounds: a copy addressed by the loop counter and loop-invariant values only).
bool addressedWithoutLoads(const std::vector<ir::Access> &accesses) {
  return std::all_of(accesses.begin(), accesses.end(), [](const ir::Access &a) { return a.region != nullptr; });
}

// The copies of a T.Pipelined body that can run stages ahead with cp.async.
// (A shared buffer gets stages from one loop only.)
std::vector<const Copy *> asyncCopies(const SimtLowering &cx, const For &f, const PipelinePlan &sofar) {
  std::vector<const Copy *> out;
  if (!cx.options().cpAsync || f.forKind != ForKind::Pipelined || f.numStages < 2)
    return out;
  auto *body = f.body->as<Seq>();
  std::vector<Stmt> stmts = body ? body->stmts : std::vector<Stmt>{f.body};
  std::set<const BufferNode *> touched, written; // by the statements so far; written: anywhere in the loop
  for (const ir::Access &a : accessesOf(f.body))
    if (a.write)
      written.insert(a.buffer.get());
  for (const Stmt &s : stmts) {
    auto *c = s->as<Copy>();
    std::vector<ir::Access> accesses = accessesOf(s);
    if (c && copiesByVectors(cx, *c) && !sofar.stages.count(c->dst.buffer.get()) &&
        !touched.count(c->dst.buffer.get()) && !written.count(c->src.buffer.get()) && addressedWithoutLoads(accesses))
      out.push_back(c);
    for (const ir::Access &a : accesses)
      touched.insert(a.buffer.get());
  }
  if (out.size() == stmts.size())
    return {}; // nothing consumes the copies inside the loop
  return out;
}

void planLoops(const SimtLowering &cx, const Stmt &s, PipelinePlan &plan) {
  if (!s)
    return;
  if (auto *seq = s->as<Seq>()) {
    for (const Stmt &c : seq->stmts)
      planLoops(cx, c, plan);
  } else if (auto *f = s->as<For>()) {
    std::vector<const Copy *> copies = asyncCopies(cx, *f, plan);
    for (const Copy *c : copies)
      plan.stages[c->dst.buffer.get()] = f->numStages;
    if (!copies.empty())
      plan.loops[f] = copies;
    planLoops(cx, f->body, plan);
  } else if (auto *l = s->as<LetStmt>()) {
    planLoops(cx, l->body, plan);
  } else if (auto *i = s->as<If>()) {
    planLoops(cx, i->thenBody, plan);
    planLoops(cx, i->elseBody, plan);
  }
}

// `stages` with each of the loop's copies at `stage`.
StageIndex withCopiesAt(const StageIndex &stages, const std::vector<const Copy *> &copies, const Expr &stage) {
  StageIndex out = stages;
  for (const Copy *c : copies)
    out[c->dst.buffer.get()] = stage;
  return out;
}

// Issues the copies of iteration `iter` into stage `stage`, only if iter < extent.
SStmt issueCopies(SimtLowering &cx, const For &f, const Expr &iter, const Expr &stage, const Expr &extent,
                  const StageIndex &stages) {
  const std::vector<const Copy *> &copies = cx.pipelines().loops.at(&f);
  StageIndex at = withCopiesAt(stages, copies, stage);
  // The iteration the copies belong to, named so that its range (inside the guard) is known.
  Var next = var(f.var->name + "_next");
  Expr value = fold(plus(f.min, iter));
  bool named = !asConstInt(value);
  if (named)
    cx.setRange(next, cx.rewrite(f.min, Place{stages}), extent);
  std::vector<SStmt> out;
  for (const Copy *c : copies) {
    Stmt moved = substitute(Stmt(std::shared_ptr<const StmtNode>(std::shared_ptr<const StmtNode>{}, c)),
                            {{f.var.get(), named ? Expr(next) : value}});
    SStmt lowered = *lowerVectorCopy(cx, *moved->as<Copy>(), true, at);
    if (auto *op = lowered->as<SOp>()) { // remember the tile copy the op is
      auto tagged = std::make_shared<SOp>(*op);
      tagged->tileCopy = tileCopyOf(cx, *moved->as<Copy>(), stage, at);
      lowered = tagged;
    }
    out.push_back(lowered);
  }
  SStmt issue = named ? std::make_shared<SLet>(next, value, sseq(out)) : sseq(out);
  Expr ahead = sx::lt(iter, extent);
  auto r = cx.rangeOf(iter), n = cx.rangeOf(extent);
  if (r && n && r->second < n->first)
    ahead = nullptr;
  return sif(ahead, issue);
}

// Iteration k's compute: the statements but the copies, reading the copies' stage k % S.
SStmt lowerCompute(SimtLowering &cx, const For &f, const Var &k, const StageIndex &stages) {
  const std::vector<const Copy *> &copies = cx.pipelines().loops.at(&f);
  StageIndex at = withCopiesAt(stages, copies, mod(k, i32(f.numStages)));
  bool fromZero = asConstInt(f.min) == std::optional<int64_t>(0);
  if (auto r = cx.rangeOf(k); r && fromZero)
    cx.setRange(f.var, *r);
  std::vector<SStmt> compute;
  auto *seqBody = f.body->as<Seq>();
  for (const Stmt &s : seqBody->stmts)
    if (std::find(copies.begin(), copies.end(), s->as<Copy>()) == copies.end())
      compute.push_back(lowerBlock(cx, s, at));
  SStmt body = insertBarriers(sseq(compute));
  if (fromZero)
    return substituteS(body, {{f.var.get(), k}});
  return std::make_shared<SLet>(f.var, plus(cx.rewrite(f.min, Place{stages}), k), body);
}

} // namespace

PipelinePlan planPipelines(const SimtLowering &cx, const Stmt &body) {
  PipelinePlan plan;
  planLoops(cx, body, plan);
  return plan;
}

SStmt lowerPipelined(SimtLowering &cx, const For &f, const StageIndex &stages) {
  cx.kernel().usesCpAsync = true;
  int depth = f.numStages;
  Expr extent = cx.rewrite(f.extent, Place{stages});
  std::vector<SStmt> out;
  for (int s = 0; s + 1 < depth; ++s) {
    out.push_back(issueCopies(cx, f, i32(s), i32(s), extent, stages));
    out.push_back(std::make_shared<SCpAsyncCommit>());
  }
  Var k = var(f.var->name + "_iter");
  cx.setRange(k, i32(0), extent);
  Expr ahead = plus(k, i32(depth - 1));
  std::vector<SStmt> body{issueCopies(cx, f, ahead, mod(ahead, i32(depth)), extent, stages),
                          std::make_shared<SCpAsyncCommit>(), std::make_shared<SCpAsyncWait>(depth - 1),
                          std::make_shared<SBarrier>(), lowerCompute(cx, f, k, stages),
                          std::make_shared<SBarrier>()};
  out.push_back(std::make_shared<SFor>(k, i32(0), extent, false, sseq(body)));
  auto op = std::make_shared<SOp>(fmt::format("T.Pipelined over {}, {} stages: cp.async copies issued {} iteration{} ahead",
                                              f.var->name, depth, depth - 1, depth > 2 ? "s" : ""),
                                  sseq(out));
  op->pipelineStages = depth; // tma-pipeline may reissue its copies as TMA (TmaPipeline.cpp)
  return op;
}

} // namespace tilec::gpu
