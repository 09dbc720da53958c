// infer-fragment-layouts, pass 1 of the GPU pipeline (Pipeline.cpp): decides where each fragment
// or local tile lives.
//
// The accumulator of a tensor-core gemm gets the mma layout (on HIP the mfma layout); tiles that meet it element by
// element in a T.Parallel nest (or a fragment-to-fragment copy) take the same layout; a row
// vector that meets a 2-D tile through `x[i]` inside a nest over (i, j), or that receives a row
// reduction, follows that tile's rows. Anything whose accesses could need an element another
// thread holds is moved to shared memory instead ("promoted"): slower, always correct, and the
// reason is recorded so `--target cuda` output can say why.
#include "target/gpu/Layout.h"

#include "ir/Functor.h"
#include "target/gpu/WgmmaTile.h"
#include "target/gpu/ops/Ops.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>

namespace tilec::gpu {

using namespace ir;

namespace {

// Walks the kernel: T.Parallel nests and block-level accesses here, each tile op through its
// own note<Op> (gpu/ops/<Op>.cpp).
class FactCollector : public IRVisitor {
public:
  explicit FactCollector(FragmentFacts &f) : facts_(f) {}

protected:
  void visitFor(const For &s) override {
    if (s.forKind != ForKind::Parallel)
      return IRVisitor::visitFor(s);
    facts_.addNest(nestFromFor(s));
  }
#define TILEC_TILE_OP(Name)                                                                        \
  void visit##Name(const Name &s) override { note##Name(s, facts_); }
#include "ir/ops/TileOps.def"
  void visitLoad(const Load &e) override {
    facts_.blockLevel.insert(e.buffer.get());
    IRVisitor::visitLoad(e);
  }
  void visitStore(const Store &s) override {
    facts_.blockLevel.insert(s.buffer.get());
    IRVisitor::visitStore(s);
  }

private:
  FragmentFacts &facts_;
};

// Constraint between two tiles: `same` (identical layout) or `rows` (x is the row vector of d).
struct Constraint {
  const BufferNode *x, *d;
  bool rows;
};

class Inference {
public:
  Inference(const PrimFunc &f, MatrixUnit unit) : f_(f), unit_(unit) {
    FactCollector(facts_).visit(f.body);
    for (const Buffer &b : f.allocs)
      if (b->scope == Scope::Fragment || b->scope == Scope::Local)
        candidates_[b.get()] = b;
  }

  // Each round derives constraints and layouts afresh from the promotions so far. A round that
  // promotes anything is followed by another: a promoted tile no longer drives its nests, so
  // the tiles it drove meet a different driver and need constraints derived from that one.
  // Promotions only accumulate, so the rounds end; the last one has checked every use of every
  // register tile exactly as lowering will make it.
  FragmentPlan run() {
    placeByUse();
    placeGemmOperands();
    for (size_t before = SIZE_MAX; before != plan_.promoted.size();) {
      before = plan_.promoted.size();
      plan_.layouts = fixed_;
      for (auto &[b, why] : plan_.why)
        plan_.layouts.erase(b);
      collectConstraints();
      assignAll();
      validate();
      if (plan_.promoted.size() == before)
        checkAsLowered();
    }
    return plan_;
  }

private:
  bool isCandidate(const BufferNode *b) const { return candidates_.count(b) && !plan_.promoted.count(b); }
  bool isReplicated(const BufferNode *b) const {
    auto it = fixed_.find(b);
    return it != fixed_.end() && it->second->kind == Layout::Kind::Replicated;
  }
  bool distributed(const BufferNode *b) const { return isCandidate(b) && !isReplicated(b); }

  void promote(const BufferNode *b, const std::string &why) {
    if (!plan_.promoted.insert(b).second)
      return;
    plan_.why[b] = why;
    fixed_.erase(b);
    plan_.layouts.erase(b);
  }

  // Tiles only touched by block-level statements are replicated; tiles also touched by nests or
  // tile ops would need every thread to see every element: shared memory.
  void placeByUse() {
    for (auto &[b, buf] : candidates_) {
      auto shape = constShape(buf);
      bool block = facts_.blockLevel.count(b), ops = facts_.inOps.count(b);
      if (!shape) {
        promote(b, "its shape is not known at compile time");
      } else if (block && ops) {
        promote(b, "it is used both inside and outside T.Parallel / tile ops");
      } else if (!ops) {
        fixed_[b] = Layout::replicated(*shape, f_.threads);
      } else if (buf->rank() == 0 || buf->rank() > 2) {
        promote(b, "only 1-D and 2-D tiles are spread over threads");
      }
    }
  }

  bool reducedSource(const BufferNode *b) const {
    for (const Reduce *r : facts_.reduces)
      if (r->src.buffer.get() == b)
        return true;
    return false;
  }

  // The accumulator layout of the matrix instruction for a gemm's C (mma m16n8k16: 32-lane warps,
  // 16x8 tiles; mfma 16x16x16: 64-lane wavefronts, 16x16 tiles), or null when the gemm cannot
  // use one.
  LayoutPtr mmaLayout(const Gemm &g) const {
    if (unit_ == MatrixUnit::None)
      return nullptr;
    if (unit_ == MatrixUnit::Wgmma)
      if (LayoutPtr w = wgmmaLayout(g))
        return w;
      // else the mma.sync rules below (a block wgmma does not fit falls back to mma.sync)
    const int lanes = unit_ == MatrixUnit::Mfma ? 64 : 32, tileN = unit_ == MatrixUnit::Mfma ? 16 : 8;
    if (!tensorCoreDtypes(g) || f_.threads % lanes != 0)
      return nullptr;
    for (const Region *r : {&g.a, &g.b}) {
      bool shared = r->buffer->scope == Scope::Shared || plan_.promoted.count(r->buffer.get());
      auto shape = constShape(r->buffer);
      if (!shared || !shape || shape->back() % 8 != 0)
        return nullptr;
      if (!r->starts.empty()) {
        auto inner = asConstInt(r->starts.back());
        if (!inner || *inner % 8 != 0)
          return nullptr; // ldmatrix rows (mfma's 8-byte operand loads) must be aligned
      }
    }
    std::vector<int64_t> c = opShape(g.c), a = opShape(g.a);
    if (c.size() != 2 || a.size() != 2)
      return nullptr;
    int64_t m = c[0], n = c[1], k = g.transposeA ? a[0] : a[1];
    if (m % 16 || n % tileN || k % 16)
      return nullptr;
    int warps = f_.threads / lanes;
    bool rowsOnly = reducedSource(g.c.buffer.get()); // shuffles reduce rows inside one warp
    int bestM = 0;
    double bestScore = 1e30;
    for (int wm = 1; wm <= warps; ++wm) {
      int wn = warps / wm;
      if (warps % wm || m % (wm * 16) || n % (wn * tileN) || (rowsOnly && wn != 1))
        continue;
      double score = std::abs(std::log2(double(m) / wm) - std::log2(double(n) / wn));
      if (score < bestScore)
        bestScore = score, bestM = wm;
    }
    if (!bestM)
      return nullptr;
    if (unit_ == MatrixUnit::Mfma)
      return Layout::mfma(m, n, bestM, warps / bestM, f_.threads);
    return Layout::mma(m, n, bestM, warps / bestM, f_.threads);
  }

  // The wgmma accumulator layout for a gemm's C (sm_90a), or null when wgmma does not fit: the
  // block is not whole warpgroups, an operand is not a whole 16-bit shared tile wgmma can read
  // (WgmmaTile.h), or no split of C over the warpgroups gives each m64 tiles and an N of 8..256
  // in steps of 8 whose column blocks of an MN-major operand stay inside one swizzle segment.
  LayoutPtr wgmmaLayout(const Gemm &g) const {
    if (!tensorCoreDtypes(g) || f_.threads % 128 != 0)
      return nullptr;
    std::optional<WgmmaTile> tiles[2];
    for (int i = 0; i < 2; ++i) {
      const Region &r = i == 0 ? g.a : g.b;
      // A fragment A may stay in registers (placeGemmOperands); it must also be a tile wgmma could
      // read from shared memory, so that promoting it later still lowers to wgmma.
      bool shared = r.buffer->scope == Scope::Shared || plan_.promoted.count(r.buffer.get()) ||
                    (i == 0 && isCandidate(r.buffer.get()));
      auto shape = constShape(r.buffer);
      if (!shared || !shape || shape->size() != 2 || opShape(r) != *shape)
        return nullptr;
      for (const Expr &start : r.starts)
        if (asConstInt(start) != std::optional<int64_t>(0))
          return nullptr;
      tiles[i] = wgmmaTileFor(*shape, r.buffer->dtype);
      if (!tiles[i])
        return nullptr;
    }
    std::vector<int64_t> c = opShape(g.c), a = opShape(g.a);
    if (c.size() != 2)
      return nullptr;
    int64_t m = c[0], n = c[1], k = g.transposeA ? a[0] : a[1];
    if (k % 16)
      return nullptr;
    // An MN-major operand's extent X (A transposed: 64; B as given: N per warpgroup) must not
    // cross a swizzle segment from where a warpgroup starts: X a multiple or a divisor of it.
    auto mnFits = [](const WgmmaTile &t, int64_t x) { return x % t.segmentElems() == 0 || t.segmentElems() % x == 0; };
    if (g.transposeA && !mnFits(*tiles[0], 64))
      return nullptr;
    // Split M as far as it goes: a warpgroup then issues one wide m64nN instruction per k step
    // (not several narrower ones), and owns whole rows, so row reductions and row scales of C
    // (flash attention's softmax) stay inside it. Both splits read the same shared bytes.
    int groups = f_.threads / 128;
    bool rowsOnly = reducedSource(g.c.buffer.get());
    int bestM = 0;
    for (int gm = 1; gm <= groups; ++gm) {
      int gn = groups / gm;
      if (groups % gm || m % (gm * 64) || n % gn || (rowsOnly && gn != 1))
        continue;
      int64_t wn = n / gn;
      if (wn % 8 || wn > 256 || (!g.transposeB && !mnFits(*tiles[1], wn)))
        continue;
      bestM = gm;
    }
    if (!bestM)
      return nullptr;
    return Layout::wgmma(m, n, bestM, groups / bestM, f_.threads);
  }

  // Gemm operands go to shared memory, except a fragment A of a wgmma gemm whose C is split over
  // warpgroups along M only: it keeps the layout of wgmma's A fragment (wgmmaRegisterA) and the
  // gemm reads it from registers (flash attention's P, converted from the scores in place).
  void placeGemmOperands() {
    const std::string why = "it is a gemm operand (read from shared memory)";
    for (const Gemm *g : facts_.gemms)
      for (const Region *r : {&g->a, &g->b})
        if (candidates_.count(r->buffer.get()) && (r == &g->b || !registerAFits(*g)))
          promote(r->buffer.get(), why);
    for (const Gemm *g : facts_.gemms) {
      const BufferNode *c = g->c.buffer.get();
      if (!isCandidate(c) || isReplicated(c))
        continue;
      if (LayoutPtr l = mmaLayout(*g); l && (!fixed_.count(c) || fixed_[c]->key() == l->key()))
        fixed_[c] = l;
    }
    for (const Gemm *g : facts_.gemms) {
      const BufferNode *a = g->a.buffer.get();
      if (!isCandidate(a))
        continue;
      auto c = fixed_.find(g->c.buffer.get());
      LayoutPtr rs = c != fixed_.end() && isCandidate(c->first) ? wgmmaRegisterA(*g, *c->second) : nullptr;
      if (rs && (!fixed_.count(a) || fixed_[a]->key() == rs->key()))
        fixed_[a] = rs;
      else
        promote(a, why);
    }
  }

  // Whether gemm `g` could read its A fragment from registers: wgmma fits it with A where it is.
  bool registerAFits(const Gemm &g) const {
    if (unit_ != MatrixUnit::Wgmma || !isCandidate(g.a.buffer.get()))
      return false;
    LayoutPtr c = wgmmaLayout(g);
    return c && wgmmaRegisterA(g, *c);
  }

  void collectConstraints() {
    constraints_.clear();
    for (const ParallelNest &n : facts_.nests)
      constrainNest(n);
    for (const Reduce *r : facts_.reduces)
      if (r->dim == 1 && isCandidate(r->src.buffer.get()) && distributed(r->dst.buffer.get()))
        constraints_.push_back({r->dst.buffer.get(), r->src.buffer.get(), true});
  }

  void constrainNest(const ParallelNest &n) {
    std::vector<Access> acc = accessesIn(n.body);
    int d = pickDriver(n, acc, [&](const Buffer &b) { return distributed(b.get()); });
    for (size_t i = 0; i < acc.size(); ++i) {
      const BufferNode *b = acc[i].buffer.get();
      if (!distributed(b) || (d >= 0 && b == acc[d].buffer.get() && sameElement(acc[i], acc[d])))
        continue;
      if (d < 0) {
        promote(b, "a T.Parallel nest reads it with no per-thread element pattern");
        continue;
      }
      const Access &drv = acc[d];
      if (sameElement(acc[i], drv) && b != drv.buffer.get())
        constraints_.push_back({b, drv.buffer.get(), false});
      else if (readsRowsOf(acc[i], drv))
        constraints_.push_back({b, drv.buffer.get(), true});
      else
        promote(b, "a T.Parallel nest reads elements of it that another thread holds");
    }
  }

  // `x[i]` in a nest driven by `d[i, j]`: x could be the row vector of d.
  static bool readsRowsOf(const Access &x, const Access &drv) {
    auto xs = constShape(x.buffer), ds = constShape(drv.buffer);
    return x.buffer->rank() == 1 && drv.indices.size() == 2 && xs && ds &&
           sameCoordinate(x.indices[0], (*xs)[0], drv.indices[0], (*ds)[0]);
  }

  bool has(const BufferNode *b) const { return plan_.layouts.count(b) > 0; }

  void propagate() {
    for (bool changed = true; changed;) {
      changed = false;
      for (const Constraint &c : constraints_) {
        if (!distributed(c.x) || !distributed(c.d))
          continue;
        if (c.rows) {
          if (has(c.d) && !has(c.x) && plan_.layouts[c.d]->rank == 2)
            plan_.layouts[c.x] = Layout::rowVector(plan_.layouts[c.d]), changed = true;
        } else if (has(c.d) != has(c.x)) {
          if (has(c.d))
            plan_.layouts[c.x] = plan_.layouts[c.d];
          else
            plan_.layouts[c.d] = plan_.layouts[c.x];
          changed = true;
        }
      }
    }
  }

  // Default layouts, 2-D tiles first (1-D tiles usually follow one of them).
  void assignAll() {
    propagate();
    for (size_t rank : {2u, 1u})
      for (auto &[b, buf] : candidates_)
        if (distributed(b) && !has(b) && buf->rank() == rank) {
          auto shape = *constShape(buf);
          int vec = rank == 2 ? runLengthFor(b) : 1;
          plan_.layouts[b] = Layout::rowGroup(shape[0], rank == 2 ? shape[1] : 1, int(rank), f_.threads, vec);
          propagate();
        }
  }

  // The distributed tiles linked to `b` by constraints (same layout, or row vectors of each
  // other's rows): whatever layout `b` gets, these get it or must agree with its rows.
  std::set<const BufferNode *> linkedTo(const BufferNode *b) const {
    std::set<const BufferNode *> seen{b};
    for (bool grew = true; grew;) {
      grew = false;
      for (const Constraint &c : constraints_)
        if (distributed(c.x) && distributed(c.d) && seen.count(c.x) != seen.count(c.d))
          seen.insert(c.x), seen.insert(c.d), grew = true;
    }
    return seen;
  }

  // The run length of a default RowGroup for 2-D tile `b` (Layout.h): 16 bytes of the narrowest
  // global or shared element its nests move along the columns, when every such nest can move
  // whole runs (runLengthOf: unit-stride columns, aligned bases and rows; element by element,
  // runs would cost shared bank conflicts and global sectors) and some nest moves global data;
  // 1 otherwise. The tiles linked to `b` must allow it too (they share its layout or its rows),
  // the threads holding rows must not shrink and linked tiles keep one tpr (their row vectors
  // must match).
  int runLengthFor(const BufferNode *b) const {
    std::map<const BufferNode *, std::pair<int64_t, int64_t>> tiles; // 2-D tiles linked to b: rows, columns
    std::set<int> tprs;                                               // of linked tiles already laid out
    for (const BufferNode *t : linkedTo(b)) {
      if (LayoutPtr l = layoutOf(t); l && l->rank == 2)
        tprs.insert(l->lanesPerRow());
      else if (auto shape = constShape(candidates_.at(t)); !l && shape && shape->size() == 2)
        tiles[t] = {(*shape)[0], (*shape)[1]};
    }
    int vec = 16;
    bool movesGlobal = false;
    std::vector<ParallelNest> nests = facts_.nests; // and the scalar gemms' nests (a register C is not an mma's)
    for (const Gemm *g : facts_.gemms)
      if (tiles.count(g->c.buffer.get()))
        nests.push_back(nestFromGemm(*g));
    for (const ParallelNest &n : nests) {
      std::vector<Access> acc = accessesIn(n.body);
      const VarNode *j = nullptr;
      for (const Access &a : acc)
        if (tiles.count(a.buffer.get()) && a.indices.size() == 2 && a.indices[1]->as<VarNode>())
          j = a.indices[1]->as<VarNode>();
      if (!j)
        continue;
      auto inMemory = [&](const Buffer &m) {
        return m->scope == Scope::Global || m->scope == Scope::Shared || plan_.promoted.count(m.get());
      };
      for (const Access &o : acc)
        if (!inMemory(o.buffer) && !tiles.count(o.buffer.get()) && indexesAlong(o, j))
          vec = 1; // a register tile laid out otherwise along the columns
      movesGlobal = movesGlobal || accessesAlong(n, j, Scope::Global);
      vec = std::min(vec, runLengthOf(n, j, vec, inMemory));
    }
    if (!movesGlobal)
      return 1;
    for (; vec > 1; vec /= 2)
      if (runsKeepThreads(tiles, tprs, vec))
        return vec;
    return 1;
  }

  // Runs of `vec` for every tile of `tiles` (rows, columns): the columns divide, no tile keeps
  // fewer threads busy than runs of 1 would, and all have one tpr (with `tprs`, those of linked
  // tiles already laid out), so row vectors shared between them still match.
  bool runsKeepThreads(const std::map<const BufferNode *, std::pair<int64_t, int64_t>> &tiles, std::set<int> tprs,
                       int vec) const {
    for (auto &[t, shape] : tiles) {
      auto [rows, cols] = shape;
      if (cols % vec)
        return false;
      int newTpr = Layout::rowGroup(rows, cols, 2, f_.threads, vec)->tpr;
      int oldTpr = Layout::rowGroup(rows, cols, 2, f_.threads)->tpr;
      if (std::min<int64_t>(f_.threads, rows * newTpr) < std::min<int64_t>(f_.threads, rows * oldTpr))
        return false;
      tprs.insert(newTpr);
    }
    return tprs.size() <= 1;
  }

  // Promotes what the layouts cannot serve; returns true when something changed.
  bool validate() {
    size_t before = plan_.promoted.size();
    for (const Constraint &c : constraints_) {
      if (!distributed(c.x) || !distributed(c.d) || !has(c.x) || !has(c.d))
        continue;
      const Layout &x = *plan_.layouts[c.x], &d = *plan_.layouts[c.d];
      bool ok = c.rows ? (x.kind == Layout::Kind::RowVector && x.rowKey() == d.rowKey())
                       : x.key() == d.key();
      if (!ok)
        promote(c.x, "its layout conflicts with " + std::string(c.rows ? "the rows of " : "") +
                         "'" + c.d->name + "'");
    }
    for (const Reduce *r : facts_.reduces)
      if (!registerReduce(*r) && distributed(r->src.buffer.get()))
        promote(r->src.buffer.get(), "it is reduced along a dimension split over threads");
    return plan_.promoted.size() != before;
  }

  LayoutPtr layoutOf(const BufferNode *b) const {
    auto it = plan_.layouts.find(b);
    return it == plan_.layouts.end() ? nullptr : it->second;
  }

  bool registerReduce(const Reduce &r) const { return reducesInRegisters(r, layoutOf(r.src.buffer.get()).get()); }

  // Walks every nest as lowering will build it under the current plan (tile ops that become
  // nests included) and promotes any register tile an access cannot reach in the accessing
  // thread's registers. This is the same question lowering asks (registerFor), so whatever
  // passes here lowers; the constraints above only make passing likely on the first try.
  void checkAsLowered() {
    std::vector<ParallelNest> nests = facts_.nests;
    for (const Reduce *r : facts_.reduces) {
      if (!registerReduce(*r)) {
        nests.push_back(nestFromReduce(*r));
        continue;
      }
      const BufferNode *dst = r->dst.buffer.get();
      LayoutPtr d = layoutOf(dst), src = layoutOf(r->src.buffer.get());
      if (d && !(d->kind == Layout::Kind::RowVector && d->rowKey() == src->rowKey()))
        promote(dst, "it receives a row reduction of '" + r->src.buffer->name + "' but does not hold its rows");
    }
    for (const Gemm *g : facts_.gemms) {
      LayoutPtr c = layoutOf(g->c.buffer.get());
      if (!c || !c->isMatrixAccumulator())
        nests.push_back(nestFromGemm(*g));
    }
    for (const ParallelNest &n : nests)
      checkNest(n);
  }

  void checkNest(const ParallelNest &n) {
    std::vector<Access> acc = accessesIn(n.body);
    auto inRegisters = [&](const Buffer &b) {
      LayoutPtr l = layoutOf(b.get());
      return l && l->kind != Layout::Kind::Replicated;
    };
    int d = pickDriver(n, acc, inRegisters);
    LayoutPtr drv = d >= 0 ? layoutOf(acc[d].buffer.get()) : nullptr;
    Expr reg = var("r");
    for (const Access &a : acc) {
      if (!inRegisters(a.buffer))
        continue;
      if (!drv)
        promote(a.buffer.get(), "a T.Parallel nest reads it with no per-thread element pattern");
      else if (!registerFor(*drv, acc[d].indices, reg, *layoutOf(a.buffer.get()), a.indices))
        promote(a.buffer.get(), "a nest driven by '" + acc[d].buffer->name +
                                    "' reads elements of it that another thread holds");
    }
  }

  const PrimFunc &f_;
  MatrixUnit unit_;
  FragmentFacts facts_;
  std::map<const BufferNode *, Buffer> candidates_;
  std::map<const BufferNode *, LayoutPtr> fixed_;
  std::vector<Constraint> constraints_;
  FragmentPlan plan_;
};

} // namespace

FragmentPlan inferFragmentLayouts(const PrimFunc &f, MatrixUnit unit) {
  return Inference(f, unit).run();
}

} // namespace tilec::gpu
