// Staging: every tile op that touches a global tensor directly (`C[...] = A[...] + B[...]`, a
// reduction over a DRAM region, a fill of an output) is rewritten to work on tiles, with explicit
// T.copy statements moving tiles between DRAM and L1. Afterwards:
//   - global tensors appear only in Copy statements (reader: DRAM → tile, writer: tile → DRAM);
//   - a tile the reader fills is not also written by compute, and a tile the writer drains is
//     written exactly once by compute and read by nothing else. Where a kernel breaks either rule
//     (a tile loaded then updated; a fragment updated in place then stored), a second tile takes
//     the DRAM side, so that each circular buffer has one producer and one consumer kernel.
#include "target/tt/BufferUses.h"
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include "ir/Functor.h"
#include "ir/Printer.h"

#include <set>

namespace tilec::tt {

using namespace ir;

namespace {

bool isGlobal(const Buffer &b) { return b->scope == Scope::Global; }

// How one index of a global access inside a Map depends on the Map's axes: start + axis.
struct IndexForm {
  Expr start;
  int axis = -1; // -1: no axis (a fixed index such as a batch coordinate)
};

std::optional<IndexForm> decomposeIndex(const Expr &e, const std::vector<Var> &axes) {
  auto axisOf = [&](const Expr &x) -> int {
    if (auto *v = x->as<VarNode>())
      for (size_t k = 0; k < axes.size(); ++k)
        if (axes[k].get() == v)
          return static_cast<int>(k);
    return -1;
  };
  if (!mentions(e, axes))
    return IndexForm{e, -1};
  if (int k = axisOf(e); k >= 0)
    return IndexForm{intImm(0), k};
  if (auto *b = e->as<Binary>(); b && b->op == BinaryOp::Add) {
    if (int k = axisOf(b->b); k >= 0 && !mentions(b->a, axes))
      return IndexForm{b->a, k};
    if (int k = axisOf(b->a); k >= 0 && !mentions(b->b, axes))
      return IndexForm{b->b, k};
  }
  return std::nullopt;
}

class Stager : public IRMutator {
public:
  explicit Stager(PrimFunc &f) : f_(f) {}

protected:
  Stmt mutateMap(const Stmt &s, const Map &m) override {
    std::vector<Stmt> before, after;
    std::vector<int64_t> box = constExtents(m.dst, m.loc);
    // Loads of global tensors become loads of staged tiles.
    struct LoadStager : IRMutator {
      Stager *self;
      const Map *map;
      std::vector<int64_t> box;
      std::vector<Stmt> *before;
      Expr mutateLoad(const Expr &e, const Load &l) override {
        if (!isGlobal(l.buffer))
          return IRMutator::mutateLoad(e, l);
        return self->stageLoad(l, *map, box, *before);
      }
    } loads;
    loads.self = this;
    loads.map = &m;
    loads.box = box;
    loads.before = &before;
    Expr value = loads.mutate(m.value);
    Region dst = m.dst;
    if (isGlobal(m.dst.buffer)) {
      Buffer tile = newTile(m.dst.buffer, box, m.loc);
      after.push_back(std::make_shared<Copy>(fullRegion(tile, m.loc), m.dst, m.loc));
      dst = fullRegion(tile, m.loc);
    }
    if (before.empty() && after.empty())
      return s;
    before.push_back(m.rebuild({dst}, {value}));
    before.insert(before.end(), after.begin(), after.end());
    return seq(before, m.loc);
  }

  Stmt mutateReduce(const Stmt &s, const Reduce &r) override {
    if (!isGlobal(r.src.buffer) && !isGlobal(r.dst.buffer))
      return s;
    std::vector<Stmt> out;
    Region src = r.src, dst = r.dst;
    if (isGlobal(src.buffer)) {
      Buffer tile = newTile(src.buffer, nonUnit(constExtents(src, r.loc)), r.loc);
      out.push_back(std::make_shared<Copy>(src, fullRegion(tile, r.loc), r.loc));
      src = fullRegion(tile, r.loc);
    }
    std::vector<Stmt> after;
    if (isGlobal(dst.buffer)) {
      Buffer tile = newTile(dst.buffer, nonUnit(constExtents(dst, r.loc)), r.loc);
      if (!r.clear)
        out.push_back(std::make_shared<Copy>(dst, fullRegion(tile, r.loc), r.loc));
      after.push_back(std::make_shared<Copy>(fullRegion(tile, r.loc), dst, r.loc));
      dst = fullRegion(tile, r.loc);
    }
    out.push_back(r.rebuild({src, dst}, {}));
    out.insert(out.end(), after.begin(), after.end());
    return seq(out, r.loc);
  }

  Stmt mutateFill(const Stmt &s, const Fill &fl) override {
    if (!isGlobal(fl.dst.buffer))
      return s;
    Buffer tile = newTile(fl.dst.buffer, nonUnit(constExtents(fl.dst, fl.loc)), fl.loc);
    return seq({std::make_shared<Fill>(fullRegion(tile, fl.loc), fl.value, fl.loc),
                std::make_shared<Copy>(fullRegion(tile, fl.loc), fl.dst, fl.loc)},
               fl.loc);
  }

  Stmt mutateGemm(const Stmt &s, const Gemm &g) override {
    for (const Region *r : {&g.a, &g.b, &g.c})
      if (isGlobal(r->buffer))
        fail(g.loc, "T.gemm on the global tensor '" + r->buffer->name +
                        "': copy the block into a shared tile first (T.copy), then T.gemm on tiles");
    return s;
  }

  Stmt mutateCopy(const Stmt &s, const Copy &c) override {
    if (!isGlobal(c.src.buffer) || !isGlobal(c.dst.buffer))
      return s;
    Buffer tile = newTile(c.src.buffer, nonUnit(constExtents(c.src, c.loc)), c.loc);
    return seq({std::make_shared<Copy>(c.src, fullRegion(tile, c.loc), c.loc),
                std::make_shared<Copy>(fullRegion(tile, c.loc), c.dst, c.loc)},
               c.loc);
  }

private:
  PrimFunc &f_;
  std::set<std::string> names_;

  static std::vector<int64_t> nonUnit(const std::vector<int64_t> &extents) {
    std::vector<int64_t> out;
    for (int64_t e : extents)
      if (e != 1)
        out.push_back(e);
    if (out.empty())
      out.push_back(1);
    return out;
  }

  static std::vector<int64_t> constExtents(const Region &r, SourceLoc loc) {
    std::vector<int64_t> out;
    for (const Expr &e : r.extents) {
      auto c = asConstInt(e);
      if (!c)
        fail(loc, "the region of '" + r.buffer->name + "' needs a constant extent on Tenstorrent, got " +
                      printExpr(e));
      out.push_back(*c);
    }
    return out;
  }

  Buffer newTile(const Buffer &global, const std::vector<int64_t> &shape, SourceLoc loc) {
    std::string base = global->name + "_tile";
    std::string name = base;
    for (int n = 1; names_.count(name) || hasAlloc(name); ++n)
      name = base + std::to_string(n);
    names_.insert(name);
    std::vector<Expr> dims;
    for (int64_t d : shape)
      dims.push_back(intImm(d));
    auto tile = std::make_shared<BufferNode>(name, dims, global->dtype, Scope::Shared, loc);
    f_.allocs.push_back(tile);
    return tile;
  }

  bool hasAlloc(const std::string &name) const {
    for (const Buffer &b : f_.allocs)
      if (b->name == name)
        return true;
    return false;
  }

  // A global element read inside a Map: the tile (or vector tile) of the Map's box it belongs to.
  Expr stageLoad(const Load &l, const Map &m, const std::vector<int64_t> &box, std::vector<Stmt> &before) {
    Region region{l.buffer, {}, {}, l.loc};
    std::vector<Expr> tileIndex;
    std::vector<int64_t> shape;
    int lastAxis = -1;
    for (const Expr &idx : l.indices) {
      auto form = decomposeIndex(idx, m.axes);
      if (!form)
        fail(l.loc, "this read of '" + l.buffer->name + "' (index " + printExpr(idx) +
                        ") is not an element of the tile being computed, a row or a column of it; "
                        "the Tenstorrent backend reads global tensors by whole tiles");
      region.starts.push_back(form->start);
      if (form->axis < 0) {
        region.extents.push_back(intImm(1));
        continue;
      }
      if (form->axis <= lastAxis)
        fail(l.loc, "this read of '" + l.buffer->name + "' walks the tile's axes in transposed order; "
                    "not supported on Tenstorrent");
      lastAxis = form->axis;
      region.extents.push_back(intImm(box[form->axis]));
      tileIndex.push_back(m.axes[form->axis]);
      shape.push_back(box[form->axis]);
    }
    if (shape.empty())
      fail(l.loc, "a scalar read of the global tensor '" + l.buffer->name +
                      "' inside a tile expression is not supported on Tenstorrent");
    Buffer tile = newTile(l.buffer, shape, l.loc);
    before.push_back(std::make_shared<Copy>(region, fullRegion(tile, l.loc), l.loc));
    return load(tile, tileIndex, l.loc);
  }
};

// ---- one producer, one consumer per tile ----

// A twin of `b` in the data format of the DRAM tensor it is moved to or from (the reader and the
// writer move bytes; only compute converts formats, when it unpacks and packs).
Buffer cloneTile(PrimFunc &f, const Buffer &b, const std::string &suffix, DType dtype) {
  auto tile = std::make_shared<BufferNode>(b->name + suffix, b->shape, dtype, Scope::Shared, b->loc);
  f.allocs.push_back(tile);
  return tile;
}

// The twins of one tile, one per DRAM data format it is moved to or from: a tile drained to a
// float16 and to a float32 tensor needs two, since the writer moves bytes without converting
// (sharing the first one's format sent the other tensor bytes of the wrong format).
class TwinsByFormat {
public:
  TwinsByFormat(PrimFunc &f, const Buffer &b, std::string suffix) : f_(f), b_(b), suffix_(std::move(suffix)) {}
  Buffer twin(DType dtype) {
    auto it = twins_.find(dtype);
    if (it != twins_.end())
      return it->second;
    std::string suffix = twins_.empty() ? suffix_ : suffix_ + "_" + dtypeName(dtype);
    return twins_[dtype] = cloneTile(f_, b_, suffix, dtype);
  }

private:
  PrimFunc &f_;
  Buffer b_;
  std::string suffix_;
  std::map<DType, Buffer> twins_;
};

// Replaces `oldBuf` by `newBuf` in selected Copy statements.
class CopyRetarget : public IRMutator {
public:
  std::map<const StmtNode *, Stmt> replacement;

protected:
  Stmt mutateCopy(const Stmt &s, const Copy &) override {
    auto it = replacement.find(s.get());
    return it == replacement.end() ? s : it->second;
  }
};

// A drained tile may feed the writer directly only if one statement produces it (compute defines
// it or the reader fills it), at the same loop level as its one drain, and compute never reads
// it: the writer pops the CB once per drain, so each drain must consume a push of its own (a tile
// drained to two tensors, or drained in a loop it was not produced in, waited for a push that
// never came).
bool drainsDirectly(const BufferUses &u) {
  if (u.computeDefs.size() + u.readerFills.size() != 1 || !u.computeReads.empty() || u.writerDrains.size() != 1)
    return false;
  const BufferUse &producer = u.computeDefs.empty() ? u.readerFills[0] : u.computeDefs[0];
  return u.writerDrains[0].loop == producer.loop;
}

void separateProducersAndConsumers(PrimFunc &f) {
  auto uses = collectBufferUses(f);
  CopyRetarget retarget;
  for (const Buffer &b : std::vector<Buffer>(f.allocs)) {
    auto it = uses.find(b.get());
    if (it == uses.end())
      continue;
    const BufferUses &u = it->second;
    // Loaded by the reader but also written by compute: the reader fills a twin, compute copies.
    auto globalOf = [](const BufferUse &use, bool src) {
      auto *c = static_cast<const Copy *>(use.stmt);
      return src ? c->src.buffer : c->dst.buffer;
    };
    bool fillConverts = false, drainConverts = false;
    for (const BufferUse &fill : u.readerFills)
      fillConverts |= globalOf(fill, true)->dtype != b->dtype;
    for (const BufferUse &drain : u.writerDrains)
      drainConverts |= globalOf(drain, false)->dtype != b->dtype;
    if (!u.readerFills.empty() && (!u.computeDefs.empty() || fillConverts)) {
      TwinsByFormat ins(f, b, "_in");
      for (const BufferUse &fill : u.readerFills) {
        auto *c = static_cast<const Copy *>(fill.stmt);
        Buffer in = ins.twin(globalOf(fill, true)->dtype);
        Stmt load = std::make_shared<Copy>(c->src, fullRegion(in, c->loc), c->loc);
        Stmt move = std::make_shared<Copy>(fullRegion(in, c->loc), c->dst, c->loc);
        retarget.replacement[fill.stmt] = seq({load, move}, c->loc);
      }
    }
    // Drained to DRAM but also read, redefined, drained more than once or produced in another
    // loop: compute copies the value into a twin the writer owns, once per drain.
    if (!u.writerDrains.empty() && (!drainsDirectly(u) || drainConverts)) {
      TwinsByFormat outs(f, b, "_out");
      for (const BufferUse &drain : u.writerDrains) {
        auto *c = static_cast<const Copy *>(drain.stmt);
        Buffer out = outs.twin(globalOf(drain, false)->dtype);
        Stmt move = std::make_shared<Copy>(c->src, fullRegion(out, c->loc), c->loc);
        Stmt store = std::make_shared<Copy>(fullRegion(out, c->loc), c->dst, c->loc);
        retarget.replacement[drain.stmt] = seq({move, store}, c->loc);
      }
    }
  }
  if (!retarget.replacement.empty())
    f.body = retarget.mutate(f.body);
}

} // namespace

void stageGlobalAccesses(PrimFunc &f) {
  Stager stager(f);
  f.body = stager.mutate(f.body);
  separateProducersAndConsumers(f);
}

} // namespace tilec::tt
