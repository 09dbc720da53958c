#include "target/tt/BufferUses.h"

#include "ir/Functor.h"

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
  void visitCopy(const Copy &s) override {
    bool fromGlobal = isGlobal(s.src.buffer), toGlobal = isGlobal(s.dst.buffer);
    if (fromGlobal && !toGlobal)
      add(s.dst.buffer, &BufferUses::readerFills, s);
    if (!fromGlobal && toGlobal)
      add(s.src.buffer, &BufferUses::writerDrains, s);
    if (!fromGlobal && !toGlobal) {
      add(s.src.buffer, &BufferUses::computeReads, s);
      add(s.dst.buffer, &BufferUses::computeDefs, s);
    }
  }
  void visitGemm(const Gemm &s) override {
    add(s.a.buffer, &BufferUses::computeReads, s);
    add(s.b.buffer, &BufferUses::computeReads, s);
    if (!s.clearAccum)
      add(s.c.buffer, &BufferUses::computeReads, s);
    add(s.c.buffer, &BufferUses::computeDefs, s);
  }
  void visitFill(const Fill &s) override { add(s.dst.buffer, &BufferUses::computeDefs, s); }
  void visitReduce(const Reduce &s) override {
    add(s.src.buffer, &BufferUses::computeReads, s);
    if (!s.clear)
      add(s.dst.buffer, &BufferUses::computeReads, s);
    add(s.dst.buffer, &BufferUses::computeDefs, s);
  }
  void visitMap(const Map &s) override {
    add(s.dst.buffer, &BufferUses::computeDefs, s);
    collectLoads(s.value, s);
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
  void collectLoads(const Expr &e, const StmtNode &s) {
    struct Loads : IRVisitor {
      std::vector<Buffer> found;
      void visitLoad(const Load &l) override {
        found.push_back(l.buffer);
        IRVisitor::visitLoad(l);
      }
    } loads;
    loads.visit(e);
    for (const Buffer &b : loads.found)
      add(b, &BufferUses::computeReads, s);
  }
};

} // namespace

std::map<const BufferNode *, BufferUses> collectBufferUses(const PrimFunc &f) {
  UseCollector c;
  c.visit(f.body);
  return std::move(c.uses);
}

bool readsBuffer(const Expr &e, const BufferNode *b) {
  struct Finder : IRVisitor {
    const BufferNode *b;
    bool found = false;
    void visitLoad(const Load &l) override {
      found |= l.buffer.get() == b;
      IRVisitor::visitLoad(l);
    }
  } finder;
  finder.b = b;
  finder.visit(e);
  return finder.found;
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
