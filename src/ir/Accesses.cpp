#include "ir/Accesses.h"

#include "ir/Functor.h"

namespace tilec::ir {

namespace {

class AccessCollector : public IRVisitor {
public:
  std::vector<Access> out;
  void collect(const TileOp &op) { visitTileOp(op); }

protected:
  void visitLoad(const Load &l) override {
    IRVisitor::visitLoad(l);
    out.push_back({l.buffer, false, &l.indices, nullptr, l.loc});
  }
  void visitStore(const Store &s) override {
    IRVisitor::visitStore(s);
    if (s.isAtomic()) // reads the element it combines with
      out.push_back({s.buffer, false, &s.indices, nullptr, s.loc, true});
    out.push_back({s.buffer, true, &s.indices, nullptr, s.loc, s.isAtomic()});
  }
  void visitTileOp(const TileOp &op) override {
    std::vector<Operand> operands = op.operands();
    for (const Operand &o : operands)
      visitRegion(*o.region);
    for (const Operand &o : operands)
      if (o.read)
        out.push_back({o.region->buffer, false, nullptr, o.region, op.loc});
    for (const Expr &v : op.values())
      visit(v);
    for (const Operand &o : operands)
      if (o.write)
        out.push_back({o.region->buffer, true, nullptr, o.region, op.loc});
  }
};

} // namespace

std::vector<Access> accessesOf(const Stmt &s) {
  AccessCollector c;
  c.visit(s);
  return std::move(c.out);
}

std::vector<Access> accessesOf(const Expr &e) {
  AccessCollector c;
  c.visit(e);
  return std::move(c.out);
}

std::vector<Access> accessesOf(const TileOp &op) {
  AccessCollector c;
  c.collect(op);
  return std::move(c.out);
}

} // namespace tilec::ir
