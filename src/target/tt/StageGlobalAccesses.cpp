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
#include "target/tt/Staging.h"
#include "target/tt/TTUtil.h"
#include "target/tt/compute/Ops.h"

#include "ir/Functor.h"
#include "ir/Printer.h"

#include <set>

namespace tilec::tt {

using namespace ir;

namespace {

// Each tile op is staged by its own stage<Op> (compute/<Op>.cpp); the tile ops have no
// statements inside them, so there is nothing else to walk into.
class Stager : public IRMutator {
public:
  explicit Stager(PrimFunc &f) : staging_(f) {}

protected:
#define TILEC_TILE_OP(Name)                                                                        \
  Stmt mutate##Name(const Stmt &s, const Name &op) override { return stage##Name(staging_, s, op); }
#include "ir/ops/TileOps.def"

private:
  GlobalStaging staging_;
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
      if (fill.stmt->as<Copy>()) { // an index tile's Map (isIndexTileMap) has no DRAM side
        DType from = globalOf(fill, true)->dtype;
        // an integer tensor into a float32 tile is widened by the reader itself (widen-integer-tiles)
        fillConverts |= from != b->dtype && !(!isFloat(from) && b->dtype == DType::Float32);
      }
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
