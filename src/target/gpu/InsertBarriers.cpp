// insert-barriers, pass 3 of the GPU pipeline (Pipeline.cpp): inserts __syncthreads() where
// threads exchange data through shared memory.
//
// Every SOp is one unit that any thread may run on any element, so two Ops that touch the same
// shared buffer, one of them writing, need a barrier between them (read-after-write,
// write-after-read, write-after-write). Loops carry the check around their back edge: what the end
// of an iteration leaves pending meets the start of the next one. cp.async writes into different
// pipeline stages do not conflict with each other; the pipeline orders them with its own waits and
// barriers (which the interpreter's race checker verifies).
#include "target/gpu/Lower.h"

#include "ir/Accesses.h"

#include <set>

namespace tilec::gpu {

namespace {

struct Pending {
  std::set<const ir::BufferNode *> reads, writes, asyncWrites;
  // TMA refills (tma-pipeline): they must come after every earlier access (write-after-read or
  // -write), but readers wait on the stage's mbarrier, not on a __syncthreads(), so a refill
  // leaves nothing pending (never merged into the pending state).
  std::set<const ir::BufferNode *> refills;
  void clear() { reads.clear(), writes.clear(), asyncWrites.clear(); }
  void merge(const Pending &o) {
    reads.insert(o.reads.begin(), o.reads.end());
    writes.insert(o.writes.begin(), o.writes.end());
    asyncWrites.insert(o.asyncWrites.begin(), o.asyncWrites.end());
  }
  bool operator==(const Pending &o) const {
    return reads == o.reads && writes == o.writes && asyncWrites == o.asyncWrites;
  }
};

static bool intersects(const std::set<const ir::BufferNode *> &a, const std::set<const ir::BufferNode *> &b) {
  for (auto *x : a)
    if (b.count(x))
      return true;
  return false;
}

// Shared buffers that an Op reads and writes.
class AccessScan {
public:
  Pending acc;
  void stmt(const SStmt &s) {
    if (!s)
      return;
    switch (s->kind) {
    case SKind::Seq:
      for (const SStmt &c : s->as<SSeq>()->stmts)
        stmt(c);
      break;
    case SKind::For:
      expr(s->as<SFor>()->min), expr(s->as<SFor>()->extent), stmt(s->as<SFor>()->body);
      break;
    case SKind::Let: expr(s->as<SLet>()->value), stmt(s->as<SLet>()->body); break;
    case SKind::If:
      expr(s->as<SIf>()->cond), stmt(s->as<SIf>()->thenBody), stmt(s->as<SIf>()->elseBody);
      break;
    case SKind::While: expr(s->as<SWhile>()->cond), stmt(s->as<SWhile>()->body); break;
    case SKind::Store: {
      auto *n = s->as<SStore>();
      exprs(n->indices), expr(n->value);
      if (n->atomic != ir::AtomicOp::None) // reads the element it updates
        read(n->buffer);
      write(n->buffer, false);
      break;
    }
    case SKind::VecCopy:
      write(s->as<SVecCopy>()->dst, false), read(s->as<SVecCopy>()->src);
      exprs(s->as<SVecCopy>()->dstIdx), exprs(s->as<SVecCopy>()->srcIdx);
      break;
    case SKind::CpAsync: write(s->as<SCpAsync>()->dst, true); break;
    case SKind::Tma: acc.refills.insert(s->as<STma>()->dst.get()); break;
    case SKind::Mbarrier: break; // the barrier words: ordered by the pipeline's own __syncthreads()
    case SKind::LdMatrix: read(s->as<SLdMatrix>()->src); break;
    case SKind::Wgmma: read(s->as<SWgmma>()->a), read(s->as<SWgmma>()->b); break;
    case SKind::Op: stmt(s->as<SOp>()->body); break;
    default: break;
    }
  }

private:
  void expr(const Expr &e) {
    if (!e)
      return;
    for (const ir::Access &a : ir::accessesOf(e))
      read(a.buffer);
  }
  void exprs(const std::vector<Expr> &es) {
    for (const Expr &e : es)
      expr(e);
  }
  void read(const Buffer &b) {
    if (b->scope == ir::Scope::Shared)
      acc.reads.insert(b.get());
  }
  void write(const Buffer &b, bool async) {
    if (b->scope == ir::Scope::Shared)
      (async ? acc.asyncWrites : acc.writes).insert(b.get());
  }
};

bool conflicts(const Pending &p, const Pending &a) {
  std::set<const ir::BufferNode *> pendingWrites = p.writes;
  pendingWrites.insert(p.asyncWrites.begin(), p.asyncWrites.end());
  return intersects(a.reads, pendingWrites) || intersects(a.writes, pendingWrites) ||
         intersects(a.writes, p.reads) || intersects(a.asyncWrites, p.reads) ||
         intersects(a.asyncWrites, p.writes) || intersects(a.refills, p.reads) || intersects(a.refills, p.writes);
}

SStmt process(const SStmt &s, Pending &p);

// A loop body that may run any number of times (for and while loops alike), iterated to a fixed
// point: the state entering an iteration is what precedes the loop plus what the end of an
// iteration leaves.
SStmt processLoopBody(const SStmt &loopBody, Pending &p) {
  Pending entry = p, exit;
  SStmt body;
  for (int round = 0; round < 4; ++round) {
    exit = entry;
    body = process(loopBody, exit);
    Pending next = p;
    next.merge(exit);
    if (next == entry)
      break;
    entry = next;
  }
  p.merge(exit);
  return body;
}

SStmt processFor(const SFor &f, Pending &p) {
  return std::make_shared<SFor>(f.var, f.min, f.extent, f.unroll, processLoopBody(f.body, p));
}

SStmt processWhile(const SWhile &w, Pending &p) {
  return std::make_shared<SWhile>(w.cond, processLoopBody(w.body, p));
}

SStmt process(const SStmt &s, Pending &p) {
  if (!s)
    return s;
  switch (s->kind) {
  case SKind::Seq: {
    std::vector<SStmt> out;
    for (const SStmt &c : s->as<SSeq>()->stmts)
      out.push_back(process(c, p));
    return sseq(std::move(out));
  }
  case SKind::For: return processFor(*s->as<SFor>(), p);
  case SKind::While: return processWhile(*s->as<SWhile>(), p);
  case SKind::Let: {
    auto *n = s->as<SLet>();
    return std::make_shared<SLet>(n->var, n->value, process(n->body, p));
  }
  case SKind::If: {
    auto *n = s->as<SIf>();
    Pending other = p;
    SStmt t = process(n->thenBody, p), e = process(n->elseBody, other);
    p.merge(other);
    return std::make_shared<SIf>(n->cond, t, e);
  }
  case SKind::Barrier: p.clear(); return s;
  default: {
    AccessScan scan;
    scan.stmt(s);
    bool barrier = conflicts(p, scan.acc);
    if (barrier)
      p.clear();
    scan.acc.refills.clear();
    p.merge(scan.acc);
    return barrier ? sseq({std::make_shared<SBarrier>(), s}) : s;
  }
  }
}

} // namespace

SStmt insertBarriers(const SStmt &body) {
  Pending p;
  return process(body, p);
}

} // namespace tilec::gpu
