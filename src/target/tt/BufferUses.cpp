#include "target/tt/BufferUses.h"

#include "ir/Accesses.h"
#include "ir/Functor.h"
#include "target/tt/TTUtil.h"

namespace tilec::tt {

using namespace ir;

namespace {

bool isGlobal(const Buffer &b) { return b->scope == Scope::Global; }

class UseCollector : public IRVisitor {
public:
  std::map<const BufferNode *, BufferUses> uses;

protected:
  void visitFor(const For &s) override {
    const For *saved = loop_;
    loop_ = &s;
    IRVisitor::visitFor(s);
    loop_ = saved;
  }
  // A copy between DRAM and a tile is the reader's or the writer's; every other access of a tile
  // op is compute's.
  void visitTileOp(const TileOp &op) override {
    if (auto *c = op.as<Copy>(); c && (isGlobal(c->src.buffer) || isGlobal(c->dst.buffer))) {
      if (!isGlobal(c->dst.buffer))
        add(c->dst.buffer, &BufferUses::readerFills, op);
      if (!isGlobal(c->src.buffer))
        add(c->src.buffer, &BufferUses::writerDrains, op);
      return;
    }
    if (auto *m = op.as<Map>(); m && isIndexTileMap(*m)) {
      add(m->dst.buffer, &BufferUses::readerFills, op);
      return;
    }
    for (const Access &a : accessesOf(op))
      add(a.buffer, a.write ? &BufferUses::computeDefs : &BufferUses::computeReads, op);
  }

private:
  const For *loop_ = nullptr;

  void add(const Buffer &b, std::vector<BufferUse> BufferUses::*list, const StmtNode &s) {
    if (isGlobal(b))
      return;
    auto &v = uses[b.get()].*list;
    for (const BufferUse &u : v)
      if (u.stmt == &s)
        return; // one entry per statement
    v.push_back({&s, loop_});
  }
};

} // namespace

std::map<const BufferNode *, BufferUses> collectBufferUses(const PrimFunc &f) {
  UseCollector c;
  c.visit(f.body);
  return std::move(c.uses);
}

bool isIndexTileMap(const Map &m) {
  return m.dst.buffer->scope != Scope::Global && accessesOf(m.value).empty() && mentions(m.value, m.axes);
}

bool readsBuffer(const Expr &e, const BufferNode *b) {
  for (const Access &a : accessesOf(e))
    if (a.buffer.get() == b)
      return true;
  return false;
}

bool computeWritesFloat32(const ir::PrimFunc &f) {
  auto uses = collectBufferUses(f);
  for (const ir::Buffer &b : f.allocs) {
    auto it = uses.find(b.get());
    if (it != uses.end() && it->second.readerFills.empty() && b->dtype == ir::DType::Float32)
      return true;
  }
  return false;
}

} // namespace tilec::tt
