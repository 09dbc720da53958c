// lower-to-simt, pass 2 of the GPU pipeline (Pipeline.cpp): Tile IR -> SIMT IR (per-thread code).
//
// Block-level structure (serial loops, lets, ifs) stays as it is: every thread runs it. Each
// T.Parallel nest and tile op becomes one SOp whose body a single thread runs: a nest goes onto
// the threads as LowerNest.cpp says, a tile op as its own file gpu/ops/<Op>.cpp says, a
// T.Pipelined loop as PipelinedLoop.cpp says. Accesses that may fall outside a global tensor are
// guarded (loads read 0, stores are skipped) unless the index range proves them inside.
#include "target/gpu/SimtLowering.h"
#include "target/gpu/ops/Ops.h"

namespace tilec::gpu {

using namespace ir;

namespace {

// The kernel's symbol in the emitted source: the prim_func's name made an identifier, unless C++
// or the CUDA/HIP headers reserve it (`main`, `do`, `export`, `half`, `__syncthreads`...); then,
// like TileLang's `main_kernel`, it gets a `_kernel` suffix. The launcher reads the symbol from
// launch.json, so it may differ from the Python name.
std::string kernelSymbol(const std::string &name) {
  std::string id = target::legalIdentifier(name);
  const target::Reserved &gpu = reservedNames(Dialect::Cuda);
  const target::Reserved &hip = reservedNames(Dialect::Hip);
  bool reserved = id == "main" || target::cxxReservedWords().count(id) || gpu.words.count(id) || hip.words.count(id);
  return reserved ? id + "_kernel" : id;
}

SStmt lowerFor(SimtLowering &cx, const For &n, const StageIndex &stages) {
  if (n.forKind == ForKind::Parallel)
    return cx.lowerNest(nestFromFor(n), stages);
  if (cx.pipelines().loops.count(&n))
    return lowerPipelined(cx, n, stages);
  Expr mn = cx.rewrite(n.min, Place{stages}), ext = cx.rewrite(n.extent, Place{stages});
  cx.setRange(n.var, mn, ext);
  SStmt body = lowerBlock(cx, n.body, stages);
  if (!body)
    return nullptr;
  return std::make_shared<SFor>(n.var, mn, ext, n.forKind == ForKind::Unrolled, body);
}

// Whether `s` (or a statement inside it) stores into `p`.
bool writes(const SStmt &s, const Buffer &p) {
  if (!s)
    return false;
  switch (s->kind) {
  case SKind::Seq:
    for (const SStmt &c : s->as<SSeq>()->stmts)
      if (writes(c, p))
        return true;
    return false;
  case SKind::For: return writes(s->as<SFor>()->body, p);
  case SKind::Let: return writes(s->as<SLet>()->body, p);
  case SKind::If: return writes(s->as<SIf>()->thenBody, p) || writes(s->as<SIf>()->elseBody, p);
  case SKind::While: return writes(s->as<SWhile>()->body, p);
  case SKind::Op: return writes(s->as<SOp>()->body, p);
  case SKind::Store: return s->as<SStore>()->buffer == p;
  case SKind::VecCopy: return s->as<SVecCopy>()->dst == p;
  default: return false;
  }
}

// Which of the kernel's tensor parameters it writes (the launcher copies only those back).
std::vector<bool> writtenParams(const Kernel &k) {
  std::vector<bool> out;
  for (const Buffer &p : k.params)
    out.push_back(writes(k.body, p));
  return out;
}

} // namespace

SStmt lowerBlock(SimtLowering &cx, const Stmt &s, const StageIndex &stages) {
  if (!s)
    return nullptr;
  switch (s->kind) {
  case StmtKind::Seq: {
    std::vector<SStmt> out;
    for (const Stmt &c : s->as<Seq>()->stmts)
      out.push_back(lowerBlock(cx, c, stages));
    return sseq(std::move(out));
  }
  case StmtKind::For: return lowerFor(cx, *s->as<For>(), stages);
  case StmtKind::LetStmt: {
    auto *n = s->as<LetStmt>();
    Expr v = cx.rewrite(n->value, Place{stages});
    if (auto r = cx.rangeOf(v))
      cx.setRange(n->var, *r);
    return std::make_shared<SLet>(n->var, v, lowerBlock(cx, n->body, stages));
  }
  case StmtKind::If: {
    auto *n = s->as<If>();
    return std::make_shared<SIf>(cx.rewrite(n->cond, Place{stages}), lowerBlock(cx, n->thenBody, stages),
                                 lowerBlock(cx, n->elseBody, stages));
  }
  case StmtKind::While: { // block-uniform: its condition reads T.alloc_var scalars every thread holds
    auto *n = s->as<While>();
    return std::make_shared<SWhile>(cx.rewrite(n->cond, Place{stages}), lowerBlock(cx, n->body, stages));
  }
  case StmtKind::Store:
    return std::make_shared<SOp>("scalar store to " + s->as<Store>()->buffer->name,
                                 cx.onOneThreadIfShared(s, cx.lowerThreadStmt(s, Place{stages})));
  case StmtKind::Evaluate: return nullptr;
  case StmtKind::Sync: return std::make_shared<SBarrier>();
#define TILEC_TILE_OP(Name)                                                                        \
  case StmtKind::Name: return lower##Name(cx, *s->as<Name>(), stages);
#include "ir/ops/TileOps.def"
  }
  return nullptr;
}

Kernel lowerToSimt(const PrimFunc &f, const FragmentPlan &plan, const GpuOptions &opts) {
  SimtLowering cx(f, plan, opts);
  Kernel &k = cx.kernel();
  k.name = kernelSymbol(f.name);
  k.body = lowerBlock(cx, f.body, StageIndex{});
  k.paramWritten = writtenParams(k);
  return std::move(k);
}

} // namespace tilec::gpu
