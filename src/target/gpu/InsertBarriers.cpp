// insert-barriers, pass 3 of the GPU pipeline (Pipeline.cpp): inserts __syncthreads() where
// threads exchange data through shared memory.
//
// Every SOp is one unit that any thread may run on any element, so two Ops that touch the same
// shared buffer, one of them writing, need a barrier between them (read-after-write,
// write-after-read, write-after-write). Loops carry the check around their back edge: what the end
// of an iteration leaves pending meets the start of the next one. cp.async writes into different
// pipeline stages do not conflict with each other; the pipeline orders them with its own waits and
// barriers (which the interpreter's race checker verifies).
//
// Aliased tiles (alias-shared-tiles: buffers with disjoint live ranges given the same bytes) are
// one memory: an Op's accesses count for every buffer that overlaps the one it names, so a write
// to the staging tile after the main loop's last read of A_shared needs a barrier like a write to
// A_shared would. A statement kind the access scan does not know gets a barrier on both sides.
#include "target/gpu/Lower.h"
#include "target/gpu/SharedAccesses.h"

#include <set>

namespace tilec::gpu {

namespace {

struct Pending {
  BufferSet reads, writes, asyncWrites;
  // TMA refills (tma-pipeline): they must come after every earlier access (write-after-read or
  // -write), but readers wait on the stage's mbarrier, not on a __syncthreads(), so a refill
  // leaves nothing pending (never merged into the pending state).
  BufferSet refills;
  bool unknown = false; // an unknown statement since the last barrier
  void clear() { reads.clear(), writes.clear(), asyncWrites.clear(), unknown = false; }
  void merge(const Pending &o) {
    reads.insert(o.reads.begin(), o.reads.end());
    writes.insert(o.writes.begin(), o.writes.end());
    asyncWrites.insert(o.asyncWrites.begin(), o.asyncWrites.end());
    unknown |= o.unknown;
  }
  bool operator==(const Pending &o) const {
    return reads == o.reads && writes == o.writes && asyncWrites == o.asyncWrites && unknown == o.unknown;
  }
};

// `s` with every buffer that shares bytes with one of its buffers.
BufferSet withAliases(const BufferSet &s, const SharedAliases &aliases) {
  BufferSet out = s;
  for (const ir::BufferNode *b : s)
    if (auto it = aliases.find(b); it != aliases.end())
      out.insert(it->second.begin(), it->second.end());
  return out;
}

// What the passes below know of the kernel's memory: which shared tiles share bytes, and which
// global tensors its threads write and read back.
struct Memory {
  const SharedAliases &aliases;
  BufferSet readBack;
};

BufferSet readBackTensors(const SStmt &body) {
  SharedAccesses g = memoryAccessesOf(body, ir::Scope::Global);
  BufferSet out;
  for (const ir::BufferNode *b : g.writes)
    if (g.reads.count(b))
      out.insert(b);
  return out;
}

Pending pendingOf(const SStmt &s, const Memory &mem) {
  SharedAccesses a = sharedAccessesOf(s);
  Pending p;
  p.reads = withAliases(a.reads, mem.aliases);
  p.writes = withAliases(a.writes, mem.aliases);
  p.asyncWrites = withAliases(a.asyncWrites, mem.aliases);
  p.refills = withAliases(a.refills, mem.aliases);
  p.unknown = a.unknown;
  if (!mem.readBack.empty()) {
    SharedAccesses g = memoryAccessesOf(s, ir::Scope::Global);
    for (const ir::BufferNode *b : g.reads)
      if (mem.readBack.count(b))
        p.reads.insert(b);
    for (const ir::BufferNode *b : g.writes)
      if (mem.readBack.count(b))
        p.writes.insert(b);
  }
  return p;
}

static bool intersects(const std::set<const ir::BufferNode *> &a, const std::set<const ir::BufferNode *> &b) {
  for (auto *x : a)
    if (b.count(x))
      return true;
  return false;
}

bool conflicts(const Pending &p, const Pending &a) {
  if (p.unknown || a.unknown)
    return true;
  BufferSet pendingWrites = p.writes;
  pendingWrites.insert(p.asyncWrites.begin(), p.asyncWrites.end());
  return intersects(a.reads, pendingWrites) || intersects(a.writes, pendingWrites) ||
         intersects(a.writes, p.reads) || intersects(a.asyncWrites, p.reads) ||
         intersects(a.asyncWrites, p.writes) || intersects(a.refills, p.reads) || intersects(a.refills, p.writes);
}

SStmt process(const SStmt &s, Pending &p, const Memory &al);

// A loop body that may run any number of times (for and while loops alike), iterated to a fixed
// point: the state entering an iteration is what precedes the loop plus what the end of an
// iteration leaves.
SStmt processLoopBody(const SStmt &loopBody, Pending &p, const Memory &al) {
  Pending entry = p, exit;
  SStmt body;
  for (int round = 0; round < 4; ++round) {
    exit = entry;
    body = process(loopBody, exit, al);
    Pending next = p;
    next.merge(exit);
    if (next == entry)
      break;
    entry = next;
  }
  p.merge(exit);
  return body;
}

SStmt processFor(const SFor &f, Pending &p, const Memory &al) {
  return std::make_shared<SFor>(f.var, f.min, f.extent, f.unroll, processLoopBody(f.body, p, al));
}

SStmt processWhile(const SWhile &w, Pending &p, const Memory &al) {
  return std::make_shared<SWhile>(w.cond, processLoopBody(w.body, p, al));
}

SStmt process(const SStmt &s, Pending &p, const Memory &al) {
  if (!s)
    return s;
  switch (s->kind) {
  case SKind::Seq: {
    std::vector<SStmt> out;
    for (const SStmt &c : s->as<SSeq>()->stmts)
      out.push_back(process(c, p, al));
    return sseq(std::move(out));
  }
  case SKind::For: return processFor(*s->as<SFor>(), p, al);
  case SKind::While: return processWhile(*s->as<SWhile>(), p, al);
  case SKind::Let: {
    auto *n = s->as<SLet>();
    return std::make_shared<SLet>(n->var, n->value, process(n->body, p, al));
  }
  case SKind::If: {
    auto *n = s->as<SIf>();
    Pending other = p;
    SStmt t = process(n->thenBody, p, al), e = process(n->elseBody, other, al);
    p.merge(other);
    return std::make_shared<SIf>(n->cond, t, e);
  }
  case SKind::Barrier: p.clear(); return s;
  default: {
    Pending acc = pendingOf(s, al);
    bool barrier = conflicts(p, acc);
    if (barrier)
      p.clear();
    acc.refills.clear();
    p.merge(acc);
    return barrier ? sseq({std::make_shared<SBarrier>(), s}) : s;
  }
  }
}

} // namespace

SStmt insertBarriers(const SStmt &body, const SharedAliases &aliases) {
  Pending p;
  return process(body, p, Memory{aliases, readBackTensors(body)});
}

} // namespace tilec::gpu
