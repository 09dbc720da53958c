// alias-shared-tiles (Pipeline.cpp, between fence-async-proxy and insert-barriers): shared
// buffers whose live ranges are disjoint get the same bytes, so a tile needed only after the main
// loop (the staged epilogue's staging tile) reuses the pipeline's A/B tiles instead of growing the
// block's shared memory.
//
// Live ranges are intervals over the kernel's statements in program order: each statement outside
// an Op (an Op is one unit; so is a whole T.Pipelined loop) takes one position, and a buffer used
// anywhere in a loop is live for the whole loop (its back edge). A buffer no statement touches is
// live everywhere. Offsets are chosen first fit in declaration order (each buffer at its
// alignment, Kernel::sharedAlignment), so kernels where nothing can share keep their layout and
// `Kernel::sharedAt` stays empty.
//
// cp.async: a tile written by cp.async is still being written until a cp.async.wait_group lands
// the data; before the first statement of a buffer that takes bytes of such a tile, the pass puts
// `cp.async.wait_group 0`, so no copy can land in the new tile's bytes. A statement kind the
// access scan does not know turns aliasing off for the kernel.
//
// insert-barriers (after this pass) counts an access to one buffer as an access to every buffer
// sharing its bytes; gpu-interp checks every shared byte's last writer (SimtInterpreter.cpp).
#include "target/gpu/Lower.h"
#include "target/gpu/SharedAccesses.h"

#include "ir/Accesses.h"

#include <limits>

namespace tilec::gpu {

namespace {

struct Interval {
  int64_t first = std::numeric_limits<int64_t>::max(), last = -1;
  void add(int64_t a, int64_t b) { first = std::min(first, a), last = std::max(last, b); }
  bool empty() const { return last < 0; }
  bool overlaps(const Interval &o) const { return first <= o.last && o.first <= last; }
};

using Live = std::map<const ir::BufferNode *, Interval>;

class Liveness {
public:
  Live live;
  BufferSet asyncWritten;
  std::map<const ir::BufferNode *, int64_t> firstLeaf; // the first unit statement touching it
  bool unknown = false;

  void walk(const SStmt &s, Live &into) {
    if (!s)
      return;
    switch (s->kind) {
    case SKind::Seq:
      for (const SStmt &c : s->as<SSeq>()->stmts)
        walk(c, into);
      return;
    case SKind::Let: exprAt(s->as<SLet>()->value, into), walk(s->as<SLet>()->body, into); return;
    case SKind::If:
      exprAt(s->as<SIf>()->cond, into), walk(s->as<SIf>()->thenBody, into), walk(s->as<SIf>()->elseBody, into);
      return;
    case SKind::For:
      loop(into, [&](Live &in) {
        exprAt(s->as<SFor>()->min, in), exprAt(s->as<SFor>()->extent, in), walk(s->as<SFor>()->body, in);
      });
      return;
    case SKind::While:
      loop(into, [&](Live &in) { exprAt(s->as<SWhile>()->cond, in), walk(s->as<SWhile>()->body, in); });
      return;
    default: { // one unit: an Op, a barrier, a cp.async outside an Op, ...
      SharedAccesses a = sharedAccessesOf(s);
      unknown |= a.unknown;
      asyncWritten.insert(a.asyncWrites.begin(), a.asyncWrites.end());
      int64_t p = pos_++;
      for (const ir::BufferNode *b : a.all()) {
        into[b].add(p, p);
        firstLeaf.emplace(b, p);
      }
      return;
    }
    }
  }

private:
  int64_t pos_ = 0;

  void exprAt(const Expr &e, Live &into) {
    int64_t p = pos_++; // numbered even when absent: InsertAt counts the same way
    if (!e)
      return;
    for (const ir::Access &a : ir::accessesOf(e))
      if (a.buffer->scope == ir::Scope::Shared)
        into[a.buffer.get()].add(p, p);
  }

  template <class F> void loop(Live &into, F body) {
    int64_t start = pos_;
    Live inner;
    body(inner);
    for (const auto &[b, iv] : inner)
      into[b].add(start, std::max(iv.last, pos_ - 1));
  }
};

int64_t bytesOf(const Buffer &b) {
  int64_t n = dtypeBytes(b->dtype);
  for (int64_t d : staticShape(b))
    n *= d;
  return n;
}

int64_t alignUp(int64_t v, int64_t a) { return (v + a - 1) / a * a; }

// First fit: the lowest aligned offset where `b` overlaps no placed buffer live at the same time.
int64_t place(const Kernel &k, size_t i, const std::vector<Interval> &live, const std::vector<int64_t> &at) {
  int64_t align = k.sharedAlignment(k.shared[i]), size = bytesOf(k.shared[i]);
  std::vector<int64_t> candidates{0};
  for (size_t j = 0; j < i; ++j)
    if (live[i].overlaps(live[j]))
      candidates.push_back(alignUp(at[j] + bytesOf(k.shared[j]), align));
  std::sort(candidates.begin(), candidates.end());
  for (int64_t c : candidates) {
    bool free = true;
    for (size_t j = 0; j < i && free; ++j)
      free = !live[i].overlaps(live[j]) || c + size <= at[j] || at[j] + bytesOf(k.shared[j]) <= c;
    if (free)
      return c;
  }
  return candidates.back(); // not reached: the last candidate is past every live buffer
}

// `body` with `stmt` put before the leaf statement at position `target` (Liveness's numbering).
class InsertAt {
public:
  InsertAt(int64_t target, SStmt stmt) : target_(target), stmt_(std::move(stmt)) {}
  SStmt walk(const SStmt &s) {
    if (!s)
      return s;
    // Liveness numbers a loop's two bounds, a let's value and a condition before the body.
    switch (s->kind) {
    case SKind::Seq: break;
    case SKind::For: pos_ += 2; break;
    case SKind::Let:
    case SKind::If:
    case SKind::While: ++pos_; break;
    default: return pos_++ == target_ ? sseq({stmt_, s}) : s; // a leaf
    }
    return rebuildControl(s, [&](const SStmt &c) { return walk(c); });
  }

private:
  int64_t target_, pos_ = 0;
  SStmt stmt_;
};

} // namespace

void aliasSharedTiles(Kernel &k) {
  Liveness lv;
  Live live;
  lv.walk(k.body, live);
  if (lv.unknown || k.shared.size() < 2)
    return;
  std::vector<Interval> iv;
  for (const Buffer &b : k.shared) {
    Interval i = live[b.get()];
    if (i.empty())
      i.add(0, std::numeric_limits<int64_t>::max());
    iv.push_back(i);
  }
  std::vector<int64_t> at;
  for (size_t i = 0; i < k.shared.size(); ++i)
    at.push_back(place(k, i, iv, at));
  k.sharedAt = at;
  if (!k.sharedAliased()) {
    k.sharedAt.clear();
    return;
  }
  // Drain cp.async before a buffer first touches bytes a cp.async destination had.
  SharedAliases aliases = k.sharedAliases();
  std::set<int64_t> waitsAt;
  for (size_t i = 0; i < k.shared.size(); ++i)
    for (const ir::BufferNode *other : aliases[k.shared[i].get()])
      if (lv.asyncWritten.count(other) && live[other].last < iv[i].first && lv.firstLeaf.count(k.shared[i].get()))
        waitsAt.insert(lv.firstLeaf[k.shared[i].get()]);
  for (auto it = waitsAt.rbegin(); it != waitsAt.rend(); ++it)
    k.body = InsertAt(*it, std::make_shared<SCpAsyncWait>(0)).walk(k.body);
}

} // namespace tilec::gpu
