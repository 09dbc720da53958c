// lower-to-simt, pass 2 of the GPU pipeline (Pipeline.cpp): Tile IR -> SIMT IR (per-thread code).
//
// Block-level structure (serial loops, lets, ifs) stays as it is: every thread runs it. Each
// T.Parallel nest and tile op becomes one SOp whose body a single thread runs:
//   - a nest that touches a register fragment iterates that fragment's registers (the layout says
//     which element each register holds), so no thread touches another thread's registers;
//   - any other nest is spread flat over the threads, innermost index fastest (coalesced);
//   - global -> shared copies move 16 bytes per thread and step (cp.async when pipelined);
//   - gemm with an mma-layout accumulator: ldmatrix + mma.sync m16n8k16, else a scalar nest;
//   - reduce over a register fragment's rows: per-thread partials + warp shuffles.
// Accesses that may fall outside a global tensor are guarded (loads read 0, stores are skipped)
// unless the index range proves them inside.
#include "target/gpu/Lower.h"

#include "ir/Functor.h"
#include "ir/Printer.h"
#include "target/gpu/Nests.h"

#include <fmt/format.h>

#include <numeric>
#include <set>

namespace tilec::gpu {

using namespace ir;
using sx::plus;
using sx::div;
using sx::i32;
using sx::mod;
using sx::times;

namespace {

using Range = std::pair<int64_t, int64_t>;

// How fragment accesses map to registers inside one nest.
struct NestCtx {
  LayoutPtr layout;                     // driver's layout (null: no driver)
  std::vector<Expr> driverIdx;           // the driver's indices (loop variables, 0 on unit dims)
  Expr reg;                             // the register loop variable
  SourceLoc loc;                        // the nest's loop or tile op
};

// The largest power of two known to divide `e` (for vector alignment).
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

class Lowering {
public:
  Lowering(const PrimFunc &f, const FragmentPlan &plan, const GpuOptions &opts)
      : f_(f), plan_(plan), opts_(opts) {}

  Kernel run() {
    k_.name = kernelSymbol(f_.name);
    k_.loc = f_.loc;
    k_.params = f_.params;
    k_.sizeVars = f_.sizeVars;
    k_.grid = f_.grid;
    k_.blockVars = f_.blockVars;
    k_.threads = f_.threads;
    k_.threadIdx = tx_ = var("tx");
    ranges_[tx_.get()] = {0, f_.threads - 1};
    for (size_t d = 0; d < f_.grid.size(); ++d)
      if (auto g = asConstInt(f_.grid[d]))
        ranges_[f_.blockVars[d].get()] = {0, *g - 1};
    planPipelines(f_.body);
    declareBuffers();
    k_.body = lowerBlock(f_.body);
    k_.paramWritten = writtenParams();
    return k_;
  }

private:
  // ---------------------------------------------------------------- buffers

  bool promoted(const Buffer &b) const { return plan_.promoted.count(b.get()) > 0; }
  LayoutPtr layoutOf(const Buffer &b) const {
    auto it = plan_.layouts.find(b.get());
    return it == plan_.layouts.end() ? nullptr : it->second;
  }
  bool isShared(const Buffer &b) const { return b->scope == Scope::Shared || promoted(b); }
  bool distributed(const Buffer &b) const {
    LayoutPtr l = layoutOf(b);
    return l && l->kind != Layout::Kind::Replicated;
  }

  void declareBuffers() {
    for (const Buffer &b : f_.allocs) {
      if (isShared(b)) {
        auto shape = constShape(b);
        if (!shape)
          fail(b->loc, "shared tile '" + b->name + "' needs a shape known at compile time");
        if (int s = stagesOf(b); s > 1)
          shape->insert(shape->begin(), s);
        simt_[b.get()] = makeBuffer(b->name, *shape, b->dtype, Scope::Shared);
        k_.shared.push_back(simt_[b.get()]);
      } else if (LayoutPtr l = layoutOf(b)) {
        simt_[b.get()] = makeBuffer(b->name, {l->regs()}, b->dtype, Scope::Local);
        k_.registers.push_back(simt_[b.get()]);
      }
    }
  }

  int stagesOf(const Buffer &b) const {
    auto it = stages_.find(b.get());
    return it == stages_.end() ? 1 : it->second;
  }

  // A per-thread scalar (rank-0 register), created on first use. simt_ is keyed by address, so
  // the tile buffer is kept alive with it: a temporary one (the accumulator nestFromReduce makes
  // for each reduction) is freed with its nest, and a later temporary allocated at the same
  // address would otherwise be given this register, making the output depend on the heap.
  Buffer scalarRegister(const Buffer &tileBuf) {
    auto it = simt_.find(tileBuf.get());
    if (it != simt_.end())
      return it->second;
    Buffer r = makeBuffer(tileBuf->name, {}, tileBuf->dtype, Scope::Local);
    k_.registers.push_back(r);
    keptAlive_.push_back(tileBuf);
    return simt_[tileBuf.get()] = r;
  }

  Buffer newRegisters(const std::string &name, int64_t n, DType t) {
    Buffer r = makeBuffer(uniqueName(name), {n}, t, Scope::Local);
    k_.registers.push_back(r);
    return r;
  }

  std::string uniqueName(const std::string &base) {
    std::string name = base;
    for (int i = 1; usedNames_.count(name); ++i)
      name = base + std::to_string(i);
    usedNames_.insert(name);
    return name;
  }

  // Shared-memory indices, with the pipeline stage in front for multi-stage buffers.
  std::vector<Expr> sharedIndices(const Buffer &b, std::vector<Expr> idx) {
    if (stagesOf(b) > 1) {
      auto it = stageIndex_.find(b.get());
      idx.insert(idx.begin(), it == stageIndex_.end() ? i32(0) : it->second);
    }
    return idx;
  }

  // ---------------------------------------------------------------- ranges and guards

  std::optional<Range> rangeOf(const Expr &e) const {
    if (auto v = asConstInt(e))
      return Range{*v, *v};
    if (auto *v = e->as<VarNode>()) {
      auto it = ranges_.find(v);
      return it == ranges_.end() ? std::nullopt : std::optional<Range>(it->second);
    }
    auto *b = e->as<Binary>();
    if (!b || !isInt(b->dtype))
      return std::nullopt;
    auto x = rangeOf(b->a), y = rangeOf(b->b);
    if (!x || !y)
      return std::nullopt;
    switch (b->op) {
    case BinaryOp::Add: return Range{x->first + y->first, x->second + y->second};
    case BinaryOp::Sub: return Range{x->first - y->second, x->second - y->first};
    case BinaryOp::Mul:
      if (x->first < 0 || y->first < 0)
        return std::nullopt;
      return Range{x->first * y->first, x->second * y->second};
    case BinaryOp::FloorDiv:
      if (x->first < 0 || y->first <= 0 || y->first != y->second)
        return std::nullopt;
      return Range{x->first / y->first, x->second / y->first};
    case BinaryOp::FloorMod:
      if (x->first < 0 || y->first <= 0 || y->first != y->second)
        return std::nullopt;
      return x->second < y->first ? *x : Range{0, y->first - 1};
    default: return std::nullopt;
    }
  }

  void setRange(const Var &v, const Expr &min, const Expr &extent) {
    auto lo = rangeOf(min), n = rangeOf(extent);
    if (lo && n)
      ranges_[v.get()] = {lo->first, lo->second + n->second - 1};
  }

  // `idx < shape` for the dimensions that the ranges do not prove; null when all are proven.
  Expr inBounds(const Buffer &global, const std::vector<Expr> &idx, int lastLanes = 1) const {
    Expr cond;
    for (size_t d = 0; d < idx.size(); ++d) {
      auto r = rangeOf(idx[d]);
      auto n = asConstInt(global->shape[d]);
      int64_t extra = d + 1 == idx.size() ? lastLanes - 1 : 0;
      if (r && n && r->first >= 0 && r->second + extra < *n)
        continue;
      cond = sx::land(cond, sx::lt(idx[d], global->shape[d]));
    }
    return cond;
  }

  // ---------------------------------------------------------------- expressions

  // Rewrites Tile IR loads into SIMT loads (registers, shared with stages, guarded globals).
  class ExprRewriter : public IRMutator {
  public:
    ExprRewriter(Lowering &l, const NestCtx *ctx) : l_(l), ctx_(ctx) {}

  protected:
    Expr mutateLoad(const Expr &, const Load &n) override {
      std::vector<Expr> idx;
      for (const Expr &i : n.indices)
        idx.push_back(fold(mutate(i)));
      return l_.loadFrom(n.buffer, idx, ctx_);
    }

  private:
    Lowering &l_;
    const NestCtx *ctx_;
  };

  Expr rewrite(const Expr &e, const NestCtx *ctx) { return fold(ExprRewriter(*this, ctx).mutate(e)); }

  // The register of a fragment element (null for buffers that are not in registers).
  Expr registerIndex(const Buffer &b, const std::vector<Expr> &idx, const NestCtx *ctx) {
    LayoutPtr l = layoutOf(b);
    if (l->kind == Layout::Kind::Replicated) {
      Expr flat = i32(0);
      for (size_t d = 0; d < idx.size(); ++d)
        flat = plus(times(flat, i32(l->replShape[d])), idx[d]);
      return flat;
    }
    Expr r = ctx && ctx->layout ? registerFor(*ctx->layout, ctx->driverIdx, ctx->reg, *l, idx) : nullptr;
    if (!r) // layout inference checks every nest against registerFor; this is a compiler bug
      fail(ctx ? ctx->loc : f_.loc, "fragment '" + b->name + "' is accessed here by threads that do not hold " +
                                        "it, and layout inference did not move it to shared memory (a tilec bug)");
    return r;
  }

  Expr loadFrom(const Buffer &b, const std::vector<Expr> &idx, const NestCtx *ctx) {
    if (b->scope == Scope::Global) {
      Expr value = sx::ld(b, idx);
      Expr ok = inBounds(b, idx);
      return ok ? Expr(std::make_shared<Select>(ok, value, sx::cast(b->dtype, floatImm(0)))) : value;
    }
    if (isShared(b))
      return sx::ld(simt_.at(b.get()), sharedIndices(b, idx));
    if (b->rank() == 0 && !layoutOf(b))
      return sx::ld(scalarRegister(b), {});
    return sx::ld(simt_.at(b.get()), {registerIndex(b, idx, ctx)});
  }

  SStmt storeTo(const Buffer &b, const std::vector<Expr> &idx, const Expr &value, const NestCtx *ctx) {
    if (b->scope == Scope::Global)
      return sif(inBounds(b, idx), sstore(b, idx, value));
    if (isShared(b))
      return sstore(simt_.at(b.get()), sharedIndices(b, idx), value);
    if (b->rank() == 0 && !layoutOf(b))
      return sstore(scalarRegister(b), {}, value);
    return sstore(simt_.at(b.get()), {registerIndex(b, idx, ctx)}, value);
  }

  // ---------------------------------------------------------------- statements in a thread

  SStmt lowerThreadStmt(const Stmt &s, const NestCtx *ctx) {
    switch (s->kind) {
    case StmtKind::Seq: {
      std::vector<SStmt> out;
      for (const Stmt &c : s->as<Seq>()->stmts)
        out.push_back(lowerThreadStmt(c, ctx));
      return sseq(std::move(out));
    }
    case StmtKind::For: {
      auto *n = s->as<For>();
      Expr mn = rewrite(n->min, ctx), ext = rewrite(n->extent, ctx);
      setRange(n->var, mn, ext);
      return sfor(n->var, mn, ext, n->forKind == ForKind::Unrolled, lowerThreadStmt(n->body, ctx));
    }
    case StmtKind::LetStmt: {
      auto *n = s->as<LetStmt>();
      Expr v = rewrite(n->value, ctx);
      if (auto r = rangeOf(v))
        ranges_[n->var.get()] = *r;
      return std::make_shared<SLet>(n->var, v, lowerThreadStmt(n->body, ctx));
    }
    case StmtKind::If: {
      auto *n = s->as<If>();
      return std::make_shared<SIf>(rewrite(n->cond, ctx), lowerThreadStmt(n->thenBody, ctx),
                                   n->elseBody ? lowerThreadStmt(n->elseBody, ctx) : nullptr);
    }
    case StmtKind::Store: {
      auto *n = s->as<Store>();
      std::vector<Expr> idx;
      for (const Expr &i : n->indices)
        idx.push_back(rewrite(i, ctx));
      return storeTo(n->buffer, idx, rewrite(n->value, ctx), ctx);
    }
    case StmtKind::Evaluate: return nullptr;
    default:
      fail(s->loc, "the GPU backend does not support this statement inside T.Parallel (tile ops and "
                   "T.syncthreads() belong outside the nest)");
    }
  }

  // ---------------------------------------------------------------- nests

  // Index variables of a flat iteration `it * T + tx` over `extents` (innermost fastest), written
  // so that the common cases read naturally (`j = tx % 32`, `i = it * 4 + tx / 32`).
  std::vector<Expr> decomposeFlat(const std::vector<int64_t> &extents, const Expr &it, int64_t itCount) {
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
  SStmt bindVars(const std::vector<Var> &vars, const std::vector<Expr> &values, SStmt body) {
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

  static bool usesVar(const SStmt &s, const VarNode *v);

  // Iterates the flat space of `extents` over the block; `make(indices)` builds one element's code.
  SStmt spreadOverThreads(const std::vector<int64_t> &extents, const std::vector<Var> &vars,
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

  SStmt lowerNest(const ParallelNest &n) {
    std::vector<Access> acc = accessesIn(n.body);
    int d = pickDriver(n, acc, [&](const Buffer &b) { return distributed(b); });
    for (size_t v = 0; v < n.vars.size(); ++v)
      setRange(n.vars[v], n.mins[v], i32(n.extents[v]));
    NestCtx ctx;
    ctx.loc = n.loc;
    std::vector<Var> threadedVars;
    std::vector<int64_t> threadedExtents;
    for (size_t v = 0; v < n.vars.size(); ++v)
      if (n.threaded[v])
        threadedVars.push_back(n.vars[v]), threadedExtents.push_back(n.extents[v]);
    auto makeBody = [&]() {
      SStmt inner = lowerThreadStmt(n.body, &ctx);
      for (size_t v = n.vars.size(); v-- > 0;)
        if (!n.threaded[v])
          inner = sfor(n.vars[v], n.mins[v], i32(n.extents[v]), false, inner);
      return inner;
    };
    SStmt body;
    if (d >= 0) {
      ctx.layout = layoutOf(acc[d].buffer);
      Var r = var("r");
      ctx.reg = r;
      // Each loop variable is the driver's coordinate in the dimension it indexes (unit
      // dimensions, indexed at 0, bind nothing).
      ctx.driverIdx = acc[d].indices;
      std::vector<Expr> all = ctx.layout->element(tx_, r), elem;
      std::vector<Var> vars;
      for (size_t dim = 0; dim < acc[d].indices.size(); ++dim)
        for (const Var &v : n.vars)
          if (v.get() == acc[d].indices[dim]->as<VarNode>())
            vars.push_back(v), elem.push_back(all[dim]);
      ranges_[r.get()] = {0, ctx.layout->regs() - 1};
      SStmt inner = bindVars(vars, elem, makeBody());
      Expr who = sx::land(ctx.layout->valid(tx_, r), oneReplicaGuard(*ctx.layout, acc));
      body = sfor(r, ctx.layout->regs(), true, sif(who, inner));
    } else if (!threadedVars.empty()) {
      body = spreadOverThreads(threadedExtents, threadedVars, makeBody);
    } else {
      body = onOneThreadIfShared(n.body, makeBody());
    }
    return std::make_shared<SOp>(n.what, body);
  }

  // A replicated driver (a RowVector: several threads hold each row) runs every element on all
  // of its replicas. When the nest writes only memory other threads see (shared, global), one
  // replica does the work: otherwise the replicas would read and write the same elements in one
  // barrier interval, a data race. Null when no guard is needed; a nest that also writes
  // registers needs every replica and is left as it is.
  Expr oneReplicaGuard(const Layout &driver, const std::vector<Access> &acc) const {
    Expr primary = driver.primary(tx_);
    if (!primary)
      return nullptr;
    bool writesShared = false;
    for (const Access &a : acc) {
      if (!a.store)
        continue;
      if (layoutOf(a.buffer))
        return nullptr;
      writesShared = true;
    }
    return writesShared ? primary : nullptr;
  }

  // Block-level code that writes memory other threads see runs on thread 0 only.
  SStmt onOneThreadIfShared(const Stmt &tileCode, SStmt body) {
    for (const Access &a : accessesIn(tileCode))
      if (a.store && (a.buffer->scope == Scope::Global || isShared(a.buffer)))
        return sif(binary(BinaryOp::Eq, tx_, i32(0)), body);
    return body;
  }

  // ---------------------------------------------------------------- copies

  struct VectorPlan {
    int lanes = 0;
    std::vector<int64_t> chunks; // box shape with the innermost extent divided by lanes
  };

  // 16-byte global -> shared copies: contiguous innermost rows on both sides, aligned starts.
  std::optional<VectorPlan> vectorPlan(const Copy &c) const {
    if (c.src.buffer->scope != Scope::Global || !isShared(c.dst.buffer) ||
        c.src.buffer->dtype != c.dst.buffer->dtype)
      return std::nullopt;
    std::vector<int64_t> box = opShape(c.dst);
    int lanes = 16 / dtypeBytes(c.dst.buffer->dtype);
    auto innerExtent = [](const Region &r) {
      return asConstInt(r.extents.empty() ? r.buffer->shape.back() : r.extents.back());
    };
    auto innerStart = [](const Region &r) { return r.starts.empty() ? i32(0) : r.starts.back(); };
    auto srcRow = asConstInt(c.src.buffer->shape.back());
    auto dstRow = asConstInt(c.dst.buffer->shape.back());
    if (box.empty() || box.back() % lanes || innerExtent(c.src) != box.back() ||
        innerExtent(c.dst) != box.back() || !srcRow || *srcRow % lanes || !dstRow || *dstRow % lanes ||
        knownMultiple(innerStart(c.src)) % lanes || knownMultiple(innerStart(c.dst)) % lanes)
      return std::nullopt;
    VectorPlan p{lanes, box};
    p.chunks.back() /= lanes;
    return p;
  }

  // One 16-byte chunk per thread and step; `async` issues cp.async (zero-filling outside).
  std::optional<SStmt> lowerVectorCopy(const Copy &c, bool async) {
    auto p = vectorPlan(c);
    if (!p)
      return std::nullopt;
    std::vector<Var> vars;
    for (size_t d = 0; d < p->chunks.size(); ++d)
      vars.push_back(var(d + 1 == p->chunks.size() ? "v" : (d == 0 ? "row" : "row" + std::to_string(d))));
    std::optional<SStmt> result;
    auto make = [&]() -> SStmt {
      std::vector<Expr> coords(vars.begin(), vars.end());
      coords.back() = times(coords.back(), i32(p->lanes));
      std::vector<Expr> src = regionIndices(c.src, coords), dst = regionIndices(c.dst, coords);
      for (Expr &e : src)
        e = rewrite(e, nullptr);
      for (Expr &e : dst)
        e = rewrite(e, nullptr);
      Expr ok = inBounds(c.src.buffer, src, p->lanes);
      Buffer sbuf = simt_.at(c.dst.buffer.get());
      if (async)
        return std::make_shared<SCpAsync>(sbuf, sharedIndices(c.dst.buffer, dst), c.src.buffer, src, p->lanes, ok);
      if (ok)
        return nullptr; // a partial tile: the element-wise path guards each element
      return std::make_shared<SVecCopy>(sbuf, sharedIndices(c.dst.buffer, dst), c.src.buffer, src, p->lanes);
    };
    bool partial = false;
    SStmt body = spreadOverThreads(p->chunks, vars, [&]() {
      SStmt s = make();
      partial = !s;
      return s;
    });
    if (partial)
      return std::nullopt;
    std::string what = fmt::format("T.copy {} -> {} ({} bytes per thread{})", c.src.buffer->name,
                                   c.dst.buffer->name, p->lanes * dtypeBytes(c.dst.buffer->dtype),
                                   async ? ", cp.async" : "");
    return std::make_shared<SOp>(what, body);
  }

  SStmt lowerCopy(const Copy &c) {
    if (auto v = lowerVectorCopy(c, false))
      return *v;
    return lowerNest(nestFromCopy(c));
  }

  // ---------------------------------------------------------------- gemm

  SStmt lowerGemm(const Gemm &g) {
    LayoutPtr l = layoutOf(g.c.buffer);
    if (l && l->kind == Layout::Kind::Mma && tensorCoreDtypes(g) && isShared(g.a.buffer) &&
        isShared(g.b.buffer) && opts_.tensorCores)
      return lowerMma(g, *l);
    return lowerNest(nestFromGemm(g));
  }

  // Shared-memory address (indices) of op coordinates (r0, r1) of a gemm operand.
  std::vector<Expr> operandAddress(const Region &r, Expr c0, Expr c1) {
    std::vector<Expr> idx = regionIndices(r, {std::move(c0), std::move(c1)});
    for (Expr &e : idx)
      e = rewrite(e, nullptr);
    return sharedIndices(r.buffer, idx);
  }

  SStmt lowerMma(const Gemm &g, const Layout &l) {
    k_.usesTensorCores = true;
    int64_t wm = l.rows / l.warpsM, wn = l.cols / l.warpsN, tilesM = wm / 16, tilesN = wn / 8;
    std::vector<int64_t> aShape = opShape(g.a);
    int64_t kTotal = g.transposeA ? aShape[0] : aShape[1];
    Buffer aFrag = newRegisters(g.a.buffer->name + "_frag", tilesM * 8, g.a.buffer->dtype);
    Buffer bFrag = newRegisters(g.b.buffer->name + "_frag", tilesN * 4, g.b.buffer->dtype);
    Buffer acc = simt_.at(g.c.buffer.get());
    Var warpM = var("warp_m"), warpN = var("warp_n"), lane = var("lane"), kk = var("kk"), mi = var("mi"),
        ni = var("ni");
    ranges_[lane.get()] = {0, 31};
    ranges_[warpM.get()] = {0, l.warpsM - 1};
    ranges_[warpN.get()] = {0, l.warpsN - 1};
    Expr k0 = times(kk, i32(16)), m0 = plus(times(warpM, i32(wm)), times(mi, i32(16))),
         n0 = plus(times(warpN, i32(wn)), times(ni, i32(8)));
    Expr lane16 = mod(lane, i32(16)), lane8 = mod(lane, i32(8)), half8 = times(div(lane, i32(16)), i32(8)),
         odd8 = times(mod(div(lane, i32(8)), i32(2)), i32(8));
    // ldmatrix row addresses: see docs/GPU_BACKEND.md for the fragment layouts they produce.
    std::vector<Expr> aAddr = g.transposeA ? operandAddress(g.a, plus(plus(k0, lane8), half8), plus(m0, odd8))
                                           : operandAddress(g.a, plus(m0, lane16), plus(k0, half8));
    std::vector<Expr> bAddr = g.transposeB ? operandAddress(g.b, plus(n0, lane8), plus(k0, odd8))
                                           : operandAddress(g.b, plus(k0, lane16), n0);
    SStmt loadA = sfor(mi, tilesM, true,
                       std::make_shared<SLdMatrix>(aFrag, times(mi, i32(8)), 4, g.transposeA,
                                                   simt_.at(g.a.buffer.get()), aAddr));
    SStmt loadB = sfor(ni, tilesN, true,
                       std::make_shared<SLdMatrix>(bFrag, times(ni, i32(4)), 2, !g.transposeB,
                                                   simt_.at(g.b.buffer.get()), bAddr));
    SStmt mmas = sfor(mi, tilesM, true,
                      sfor(ni, tilesN, true,
                           std::make_shared<SMma>(aFrag, times(mi, i32(8)), bFrag, times(ni, i32(4)), acc,
                                                  times(plus(times(mi, i32(tilesN)), ni), i32(4)))));
    SStmt steps = sfor(kk, kTotal / 16, true, sseq({loadA, loadB, mmas}));
    SStmt clear;
    if (g.clearAccum) {
      Var r = var("r");
      clear = sfor(r, l.regs(), true, sstore(acc, {r}, floatImm(0)));
    }
    SStmt body = std::make_shared<SLet>(
        lane, mod(tx_, i32(32)),
        std::make_shared<SLet>(warpM, mod(div(tx_, i32(32)), i32(l.warpsM)),
                               std::make_shared<SLet>(warpN, div(div(tx_, i32(32)), i32(l.warpsM)),
                                                      sseq({clear, steps}))));
    if (l.warpsN == 1)
      body = substituteS(body, {{warpN.get(), i32(0)}});
    if (l.warpsM == 1)
      body = substituteS(body, {{warpM.get(), i32(0)}});
    body = dropUnusedLets(body);
    return std::make_shared<SOp>(fmt::format("T.gemm {} x {} -> {}: mma.sync m16n8k16, {}x{} warps of {}x{}",
                                             g.a.buffer->name, g.b.buffer->name, g.c.buffer->name,
                                             l.warpsM, l.warpsN, wm, wn),
                                 body);
  }

  static SStmt dropUnusedLets(const SStmt &s) {
    auto *let = s->as<SLet>();
    if (!let)
      return s;
    SStmt body = dropUnusedLets(let->body);
    if (!usesVar(body, let->var.get()))
      return body;
    return std::make_shared<SLet>(let->var, let->value, body);
  }

  // ---------------------------------------------------------------- reduce

  SStmt lowerReduce(const Reduce &r) {
    LayoutPtr src = layoutOf(r.src.buffer);
    if (!reducesInRegisters(r, src.get()))
      return lowerNest(nestFromReduce(r));
    DType t = r.dst.buffer->dtype;
    Buffer red = makeBuffer(uniqueName(r.dst.buffer->name + "_red"), {}, t, Scope::Local);
    k_.registers.push_back(red);
    Buffer srcRegs = simt_.at(r.src.buffer.get());
    Var a = var("a"), b = var("b");
    Expr redV = sx::ld(red, {});
    SStmt init = sstore(red, {}, reduceInit(r.reduceKind, t));
    SStmt partial = sfor(b, src->regsPerRow(), true,
                         sstore(red, {}, reduceCombine(r.reduceKind, redV, sx::ld(srcRegs, {src->regInRow(a, b)}))));
    std::vector<SStmt> steps{init, partial};
    ReduceKind across = (r.reduceKind == ReduceKind::AbsSum) ? ReduceKind::Sum
                        : (r.reduceKind == ReduceKind::AbsMax) ? ReduceKind::Max
                                                               : r.reduceKind;
    for (int m : src->rowShuffleMasks())
      steps.push_back(sstore(red, {}, reduceCombine(across, redV, sx::shflXor(redV, m))));
    LayoutPtr dst = layoutOf(r.dst.buffer);
    if (dst && dst->kind == Layout::Kind::RowVector && dst->rowKey() == src->rowKey()) {
      Buffer dregs = simt_.at(r.dst.buffer.get());
      Expr result = r.clear ? redV : reduceCombine(across, sx::ld(dregs, {a}), redV);
      steps.push_back(sstore(dregs, {a}, result));
    } else {
      Expr row = src->element(tx_, src->regInRow(a, i32(0)))[0];
      std::vector<Expr> idx = regionIndices(r.dst, {row});
      Expr result = r.clear ? redV : reduceCombine(across, loadFrom(r.dst.buffer, idx, nullptr), redV);
      Layout rows = *Layout::rowVector(src);
      Expr who = sx::land(rows.primary(tx_), rows.valid(tx_, a));
      steps.push_back(sif(who, storeTo(r.dst.buffer, idx, result, nullptr)));
    }
    SStmt body = sfor(a, src->rowRegs(), true, sseq(steps));
    return std::make_shared<SOp>(fmt::format("T.reduce_{} {} -> {}: per-thread partials, then shuffles across {} lanes",
                                             reduceKindName(r.reduceKind), r.src.buffer->name,
                                             r.dst.buffer->name, src->kind == Layout::Kind::Mma ? 4 : src->tpr),
                                 body);
  }

  // ---------------------------------------------------------------- pipelines

  // The leading copies of a T.Pipelined body that can run stages ahead with cp.async.
  // (A shared buffer gets stages from one loop only.)
  std::vector<const Copy *> asyncCopies(const For &f) const {
    std::vector<const Copy *> out;
    if (!opts_.cpAsync || f.forKind != ForKind::Pipelined || f.numStages < 2)
      return out;
    auto *body = f.body->as<Seq>();
    std::vector<Stmt> stmts = body ? body->stmts : std::vector<Stmt>{f.body};
    for (const Stmt &s : stmts) {
      auto *c = s->as<Copy>();
      if (!c || !vectorPlan(*c) || stages_.count(c->dst.buffer.get()))
        break;
      out.push_back(c);
    }
    if (out.size() == stmts.size())
      return {}; // nothing consumes the copies inside the loop
    return out;
  }

  void planPipelines(const Stmt &s) {
    if (!s)
      return;
    if (auto *seq = s->as<Seq>()) {
      for (const Stmt &c : seq->stmts)
        planPipelines(c);
    } else if (auto *f = s->as<For>()) {
      std::vector<const Copy *> copies = asyncCopies(*f);
      for (const Copy *c : copies)
        stages_[c->dst.buffer.get()] = f->numStages;
      if (!copies.empty())
        pipelined_[f] = copies;
      planPipelines(f->body);
    } else if (auto *l = s->as<LetStmt>()) {
      planPipelines(l->body);
    } else if (auto *i = s->as<If>()) {
      planPipelines(i->thenBody);
      planPipelines(i->elseBody);
    }
  }

  // Issues the copies of iteration `iter` into stage `stage`, only if iter < extent.
  SStmt issueCopies(const For &f, const std::vector<const Copy *> &copies, const Expr &iter,
                    const Expr &stage, const Expr &extent) {
    std::vector<SStmt> out;
    // The iteration the copies belong to, named so that its range (inside the guard) is known.
    Var next = var(f.var->name + "_next");
    Expr value = fold(plus(f.min, iter));
    bool named = !asConstInt(value);
    if (named)
      setRange(next, rewrite(f.min, nullptr), extent);
    for (const Copy *c : copies) {
      stageIndex_[c->dst.buffer.get()] = stage;
      Stmt moved = substitute(Stmt(std::shared_ptr<const StmtNode>(std::shared_ptr<const StmtNode>{}, c)),
                              {{f.var.get(), named ? Expr(next) : value}});
      out.push_back(*lowerVectorCopy(*moved->as<Copy>(), true));
    }
    SStmt issue = named ? std::make_shared<SLet>(next, value, sseq(out)) : sseq(out);
    Expr ahead = sx::lt(iter, extent);
    auto r = rangeOf(iter), n = rangeOf(extent);
    if (r && n && r->second < n->first)
      ahead = nullptr;
    return sif(ahead, issue);
  }

  // Software pipeline: copies for iteration k + S - 1 are issued while iteration k computes.
  SStmt lowerPipelined(const For &f) {
    k_.usesCpAsync = true;
    std::vector<const Copy *> copies = pipelined_.at(&f);
    int stages = f.numStages;
    Expr extent = rewrite(f.extent, nullptr);
    std::vector<SStmt> out;
    for (int s = 0; s + 1 < stages; ++s) {
      out.push_back(issueCopies(f, copies, i32(s), i32(s), extent));
      out.push_back(std::make_shared<SCpAsyncCommit>());
    }
    Var k = var(f.var->name + "_iter");
    setRange(k, i32(0), extent);
    Expr ahead = plus(k, i32(stages - 1));
    std::vector<SStmt> body{issueCopies(f, copies, ahead, mod(ahead, i32(stages)), extent),
                            std::make_shared<SCpAsyncCommit>(), std::make_shared<SCpAsyncWait>(stages - 1),
                            std::make_shared<SBarrier>()};
    for (const Copy *c : copies)
      stageIndex_[c->dst.buffer.get()] = mod(k, i32(stages));
    auto *seqBody = f.body->as<Seq>();
    if (auto it = ranges_.find(k.get()); it != ranges_.end() && asConstInt(f.min) == std::optional<int64_t>(0))
      ranges_[f.var.get()] = it->second;
    std::vector<SStmt> compute;
    for (size_t i = copies.size(); i < seqBody->stmts.size(); ++i)
      compute.push_back(lowerBlock(seqBody->stmts[i]));
    for (const Copy *c : copies)
      stageIndex_.erase(c->dst.buffer.get());
    SStmt computeS = std::make_shared<SLet>(f.var, plus(rewrite(f.min, nullptr), k), insertBarriers(sseq(compute)));
    if (asConstInt(f.min) == std::optional<int64_t>(0))
      computeS = substituteS(insertBarriers(sseq(compute)), {{f.var.get(), k}});
    body.push_back(computeS);
    body.push_back(std::make_shared<SBarrier>());
    out.push_back(std::make_shared<SFor>(k, i32(0), extent, false, sseq(body)));
    return std::make_shared<SOp>(fmt::format("T.Pipelined over {}, {} stages: cp.async copies issued {} iteration{} ahead",
                                             f.var->name, stages, stages - 1, stages > 2 ? "s" : ""),
                                 sseq(out));
  }

  // ---------------------------------------------------------------- block level

  SStmt lowerBlock(const Stmt &s) {
    if (!s)
      return nullptr;
    switch (s->kind) {
    case StmtKind::Seq: {
      std::vector<SStmt> out;
      for (const Stmt &c : s->as<Seq>()->stmts)
        out.push_back(lowerBlock(c));
      return sseq(std::move(out));
    }
    case StmtKind::For: {
      auto *n = s->as<For>();
      if (n->forKind == ForKind::Parallel)
        return lowerNest(nestFromFor(*n));
      if (pipelined_.count(n))
        return lowerPipelined(*n);
      Expr mn = rewrite(n->min, nullptr), ext = rewrite(n->extent, nullptr);
      setRange(n->var, mn, ext);
      SStmt body = lowerBlock(n->body);
      if (!body)
        return nullptr;
      return std::make_shared<SFor>(n->var, mn, ext, n->forKind == ForKind::Unrolled, body);
    }
    case StmtKind::LetStmt: {
      auto *n = s->as<LetStmt>();
      Expr v = rewrite(n->value, nullptr);
      if (auto r = rangeOf(v))
        ranges_[n->var.get()] = *r;
      return std::make_shared<SLet>(n->var, v, lowerBlock(n->body));
    }
    case StmtKind::If: {
      auto *n = s->as<If>();
      return std::make_shared<SIf>(rewrite(n->cond, nullptr), lowerBlock(n->thenBody), lowerBlock(n->elseBody));
    }
    case StmtKind::Store: {
      auto *n = s->as<Store>();
      return std::make_shared<SOp>("scalar store to " + n->buffer->name,
                                   onOneThreadIfShared(s, lowerThreadStmt(s, nullptr)));
    }
    case StmtKind::Evaluate: return nullptr;
    case StmtKind::Sync: return std::make_shared<SBarrier>();
    case StmtKind::Copy: return lowerCopy(*s->as<Copy>());
    case StmtKind::Fill: return lowerNest(nestFromFill(*s->as<Fill>()));
    case StmtKind::Map: return lowerNest(nestFromMap(*s->as<Map>()));
    case StmtKind::Gemm: return lowerGemm(*s->as<Gemm>());
    case StmtKind::Reduce: return lowerReduce(*s->as<Reduce>());
    }
    return nullptr;
  }

  std::vector<bool> writtenParams() const;

  const PrimFunc &f_;
  const FragmentPlan &plan_;
  GpuOptions opts_;
  Kernel k_;
  Var tx_;
  std::map<const BufferNode *, Buffer> simt_;
  std::vector<Buffer> keptAlive_; // keys of simt_ that f_ does not own (see scalarRegister)
  std::map<const BufferNode *, int> stages_;
  std::map<const BufferNode *, Expr> stageIndex_;
  std::map<const For *, std::vector<const Copy *>> pipelined_;
  std::map<const VarNode *, Range> ranges_;
  std::set<std::string> usedNames_;
};

// ---- helpers that walk SIMT IR ----

class SVarUse {
public:
  explicit SVarUse(const VarNode *v) : v_(v) {}
  bool in(const SStmt &s) {
    if (!s)
      return false;
    switch (s->kind) {
    case SKind::Seq:
      for (const SStmt &c : s->as<SSeq>()->stmts)
        if (in(c))
          return true;
      return false;
    case SKind::For: {
      auto *n = s->as<SFor>();
      return e(n->min) || e(n->extent) || in(n->body);
    }
    case SKind::Let: return e(s->as<SLet>()->value) || in(s->as<SLet>()->body);
    case SKind::If: {
      auto *n = s->as<SIf>();
      return e(n->cond) || in(n->thenBody) || in(n->elseBody);
    }
    case SKind::Store: return es(s->as<SStore>()->indices) || e(s->as<SStore>()->value);
    case SKind::VecCopy: return es(s->as<SVecCopy>()->dstIdx) || es(s->as<SVecCopy>()->srcIdx);
    case SKind::CpAsync: {
      auto *n = s->as<SCpAsync>();
      return es(n->dstIdx) || es(n->srcIdx) || (n->inBounds && e(n->inBounds));
    }
    case SKind::LdMatrix: return e(s->as<SLdMatrix>()->dstOffset) || es(s->as<SLdMatrix>()->srcIdx);
    case SKind::Mma: {
      auto *n = s->as<SMma>();
      return e(n->aOffset) || e(n->bOffset) || e(n->cOffset);
    }
    case SKind::Op: return in(s->as<SOp>()->body);
    default: return false;
    }
  }

private:
  class Finder : public IRVisitor {
  public:
    const VarNode *v;
    bool found = false;

  protected:
    void visitVar(const VarNode &n) override { found |= &n == v; }
  };
  bool e(const Expr &x) {
    Finder f;
    f.v = v_;
    f.visit(x);
    return f.found;
  }
  bool es(const std::vector<Expr> &xs) {
    for (const Expr &x : xs)
      if (e(x))
        return true;
    return false;
  }
  const VarNode *v_;
};

bool Lowering::usesVar(const SStmt &s, const VarNode *v) { return SVarUse(v).in(s); }

std::vector<bool> Lowering::writtenParams() const {
  std::vector<bool> out;
  for (const Buffer &p : f_.params) {
    bool written = false;
    std::function<void(const SStmt &)> walk = [&](const SStmt &s) {
      if (!s || written)
        return;
      switch (s->kind) {
      case SKind::Seq:
        for (const SStmt &c : s->as<SSeq>()->stmts)
          walk(c);
        break;
      case SKind::For: walk(s->as<SFor>()->body); break;
      case SKind::Let: walk(s->as<SLet>()->body); break;
      case SKind::If:
        walk(s->as<SIf>()->thenBody);
        walk(s->as<SIf>()->elseBody);
        break;
      case SKind::Op: walk(s->as<SOp>()->body); break;
      case SKind::Store: written |= s->as<SStore>()->buffer == p; break;
      case SKind::VecCopy: written |= s->as<SVecCopy>()->dst == p; break;
      default: break;
      }
    };
    walk(k_.body);
    out.push_back(written);
  }
  return out;
}

} // namespace

Kernel lowerToSimt(const PrimFunc &f, const FragmentPlan &plan, const GpuOptions &opts) {
  return Lowering(f, plan, opts).run();
}

} // namespace tilec::gpu
