// fence-async-proxy: `fence.proxy.async.shared::cta` after every generic-proxy write to a shared
// tile that wgmma reads (sm_90a).
//
// wgmma reads shared memory through the async proxy; what threads wrote with ordinary stores,
// 16-byte vector copies or cp.async (the generic proxy) is visible to it only after a proxy fence.
// The writer fences its own writes, then the barrier that insert-barriers (or the cp.async
// pipeline) puts before the gemm publishes them: after each op that stores into a wgmma tile the
// op's threads fence, and after each cp.async.wait_group (where cp.async data lands) they do too.
// gpu-interp holds every write to the fence of the thread that made it. TMA copies
// (tma-pipeline) write through the async proxy themselves and need no fence.
#include "target/gpu/Lower.h"

namespace tilec::gpu {

namespace {

SStmt proxyFence() { return std::make_shared<SWgmmaSync>(SWgmmaSync::What::ProxyFence); }

// Whether `s` stores into one of `tiles` through the generic proxy, outside the ops nested in it
// (which fence for themselves).
bool writesTile(const SStmt &s, const std::set<const ir::BufferNode *> &tiles) {
  if (!s)
    return false;
  switch (s->kind) {
  case SKind::Seq:
    for (const SStmt &c : s->as<SSeq>()->stmts)
      if (writesTile(c, tiles))
        return true;
    return false;
  case SKind::For: return writesTile(s->as<SFor>()->body, tiles);
  case SKind::Let: return writesTile(s->as<SLet>()->body, tiles);
  case SKind::If: return writesTile(s->as<SIf>()->thenBody, tiles) || writesTile(s->as<SIf>()->elseBody, tiles);
  case SKind::While: return writesTile(s->as<SWhile>()->body, tiles);
  case SKind::Op: return false;
  case SKind::Store: return tiles.count(s->as<SStore>()->buffer.get()) > 0;
  case SKind::VecCopy: return tiles.count(s->as<SVecCopy>()->dst.get()) > 0;
  case SKind::Tma: return false; // TMA writes through the async proxy, the one wgmma reads through
  default: return false;
  }
}

SStmt fenced(const SStmt &s, const std::set<const ir::BufferNode *> &tiles) {
  if (!s)
    return s;
  if (SStmt control = rebuildControl(s, [&](const SStmt &c) { return fenced(c, tiles); }))
    return control;
  switch (s->kind) {
  case SKind::Op: { // every thread of the op fences, after all of its own stores
    auto *n = s->as<SOp>();
    SStmt body = fenced(n->body, tiles);
    auto out = std::make_shared<SOp>(*n); // keeps what the op is (tmaFull, pipelineStages)
    out->body = writesTile(n->body, tiles) ? sseq({body, proxyFence()}) : body;
    return out;
  }
  case SKind::CpAsyncWait: return sseq({s, proxyFence()});
  default: return s;
  }
}

} // namespace

void fenceAsyncProxy(Kernel &k) {
  if (k.wgmmaTiles.empty())
    return;
  k.body = fenced(k.body, k.wgmmaTiles);
}

} // namespace tilec::gpu
