#include "target/gpu/SharedAccesses.h"

#include "ir/Accesses.h"

namespace tilec::gpu {

namespace {

class Scan {
public:
  explicit Scan(ir::Scope scope) : scope_(scope) {}
  SharedAccesses acc;

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
      if (n->atomic != ir::AtomicOp::None && scope_ == ir::Scope::Shared) // reads the element it updates
        read(n->buffer);
      write(n->buffer, false);
      break;
    }
    case SKind::VecCopy:
      write(s->as<SVecCopy>()->dst, false), read(s->as<SVecCopy>()->src);
      exprs(s->as<SVecCopy>()->dstIdx), exprs(s->as<SVecCopy>()->srcIdx);
      break;
    case SKind::CpAsync: write(s->as<SCpAsync>()->dst, true), read(s->as<SCpAsync>()->src); break;
    case SKind::Tma:
      if (s->as<STma>()->dst->scope == scope_)
        acc.refills.insert(s->as<STma>()->dst.get());
      read(s->as<STma>()->src);
      break;
    case SKind::LdMatrix: read(s->as<SLdMatrix>()->src); break;
    case SKind::Wgmma: read(s->as<SWgmma>()->a), read(s->as<SWgmma>()->b); break;
    case SKind::Op: stmt(s->as<SOp>()->body); break;
    // register-only or ordering statements: no shared-memory access of their own
    case SKind::Mbarrier: // the barrier words: ordered by the pipeline's own __syncthreads()
    case SKind::Barrier:
    case SKind::CpAsyncCommit:
    case SKind::CpAsyncWait:
    case SKind::Mma:
    case SKind::Mfma:
    case SKind::WgmmaSync: break;
    default: acc.unknown = true; break;
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
    if (b->scope == scope_)
      acc.reads.insert(b.get());
  }
  void write(const Buffer &b, bool async) {
    if (b->scope == scope_)
      (async ? acc.asyncWrites : acc.writes).insert(b.get());
  }
  ir::Scope scope_;
};

} // namespace

BufferSet SharedAccesses::all() const {
  BufferSet out = reads;
  out.insert(writes.begin(), writes.end());
  out.insert(asyncWrites.begin(), asyncWrites.end());
  out.insert(refills.begin(), refills.end());
  return out;
}

SharedAccesses memoryAccessesOf(const SStmt &s, ir::Scope scope) {
  Scan scan(scope);
  scan.stmt(s);
  return scan.acc;
}

SharedAccesses sharedAccessesOf(const SStmt &s) { return memoryAccessesOf(s, ir::Scope::Shared); }

} // namespace tilec::gpu
