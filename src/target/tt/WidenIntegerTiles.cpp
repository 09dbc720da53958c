// widen-integer-tiles: an integer tile (int8, uint8/bool, int32, uint32) that is only ever filled
// from a tensor of its dtype and only ever read through a cast to a float dtype
// (`T.cast(B_q[i, j], "float16") * scale[j]`, a dequantisation) is held as a float32 tile instead:
// the reader reads each integer page into the top of the float32 CB page and widens it in place,
// element by element (LowerDataMovement.cpp), so compute sees float values and needs no integer
// arithmetic or typecast. Exact for int8/uint8 and for 32-bit integers up to 2^24 in magnitude
// (which is what the host carries them as). The casts stay: float32 to the cast's dtype rounds
// as the reference's integer-to-float conversion does (the integer is exact in float32).
// Cost: the reader's RISC converts 1024 elements per tile; the CB page is 4 KB instead of 1 KB
// (int8); DRAM traffic is unchanged.
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include "ir/Accesses.h"
#include "ir/Functor.h"

#include <set>

namespace tilec::tt {

using namespace ir;

namespace {

bool isIntegerTile(const Buffer &b) {
  return b->scope != Scope::Global && !isFloat(b->dtype) && movableOnTT(b->dtype) && b->dtype != DType::Bool;
}

// Which integer tiles qualify: every write a copy from a tensor of the same dtype, every read a
// load directly under a cast to a float dtype inside a map.
class Qualifier : public IRVisitor {
public:
  std::set<const BufferNode *> candidates, disqualified;

protected:
  void visitTileOp(const TileOp &op) override {
    if (auto *c = op.as<Copy>(); c && c->src.buffer->scope == Scope::Global && isIntegerTile(c->dst.buffer) &&
                                 c->src.buffer->dtype == c->dst.buffer->dtype) {
      candidates.insert(c->dst.buffer.get());
      return;
    }
    if (auto *m = op.as<Map>()) {
      noteCastReads(m->value);
      disqualifyAll(m->dst.buffer);
      return;
    }
    for (const Operand &o : op.operands())
      disqualifyAll(o.region->buffer);
  }

private:
  void disqualifyAll(const Buffer &b) {
    if (isIntegerTile(b))
      disqualified.insert(b.get());
  }
  // Loads of integer tiles: allowed only directly under a cast to a float dtype.
  void noteCastReads(const Expr &e) {
    class Walker : public IRVisitor {
    public:
      explicit Walker(Qualifier &q) : q_(q) {}

    protected:
      void visitCast(const Cast &c) override {
        if (auto *l = c.value->as<Load>(); l && isFloat(c.dtype) && isIntegerTile(l->buffer)) {
          for (const Expr &i : l->indices)
            visit(i);
          return;
        }
        IRVisitor::visitCast(c);
      }
      void visitLoad(const Load &l) override {
        q_.disqualifyAll(l.buffer);
        IRVisitor::visitLoad(l);
      }

    private:
      Qualifier &q_;
    } walker(*this);
    walker.visit(e);
  }
};

class Widener : public IRMutator {
public:
  explicit Widener(std::map<const BufferNode *, Buffer> wide) : wide_(std::move(wide)) {}

protected:
  Expr mutateLoad(const Expr &e, const Load &l) override {
    auto it = wide_.find(l.buffer.get());
    if (it == wide_.end())
      return IRMutator::mutateLoad(e, l);
    return load(it->second, l.indices, l.loc);
  }
  Stmt mutateCopy(const Stmt &s, const Copy &c) override {
    auto it = wide_.find(c.dst.buffer.get());
    if (it == wide_.end())
      return s;
    Region dst = c.dst;
    dst.buffer = it->second;
    return std::make_shared<Copy>(c.src, dst, c.loc);
  }
  Stmt mutateMap(const Stmt &s, const Map &m) override { return m.rebuild({m.dst}, {mutate(m.value)}); }

private:
  std::map<const BufferNode *, Buffer> wide_;
};

} // namespace

void widenIntegerTiles(PrimFunc &f) {
  Qualifier q;
  q.visit(f.body);
  std::map<const BufferNode *, Buffer> wide;
  for (Buffer &b : f.allocs)
    if (q.candidates.count(b.get()) && !q.disqualified.count(b.get())) {
      Buffer w = std::make_shared<BufferNode>(b->name, b->shape, DType::Float32, b->scope, b->loc);
      wide[b.get()] = w;
      b = w; // the integer tile is no longer used
    }
  if (!wide.empty())
    f.body = Widener(wide).mutate(f.body);
}

} // namespace tilec::tt
