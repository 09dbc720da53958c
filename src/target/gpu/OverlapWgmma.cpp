// overlap-wgmma (sm_90a): in a TMA pipeline whose iterations do nothing but wgmma, each
// iteration's wgmma group stays in flight while the next iteration waits for its stage and issues
// its own: the tensor cores are never left idle between k-steps.
//
// tma-pipeline builds the loop as (S stages, k the iteration):
//
//   refill: if (k + S - 1 < n) { elected: expect_tx + TMA into stage (k + S - 1) % S }
//   mbarrier_wait(full[k % S])
//   T.gemm ...: wgmma.fence; wgmma.mma_async ...; commit_group; wait_group 0
//   __syncthreads()
//
// wait_group 0 drains the tensor cores every iteration: the group must finish before the
// barrier, the next refill and the next stage's wait can even start. When the compute is wgmma
// ops only (their accumulators are read by nothing else in the loop), the loop becomes
//
//   mbarrier_wait(full[k % S])
//   T.gemm ...: wgmma.fence; wgmma.mma_async ...; commit_group; wait_group G
//   __syncthreads()
//   refill
//
// with wait_group 0 after the loop. G is the number of groups an iteration commits (one per
// gemm op), so wait_group G retires exactly the previous iteration's: that iteration read stage
// (k - 1) % S, which is the stage this iteration refills, once the barrier has seen every warp
// through its wait. The current group keeps running during the barrier, the refill and the next
// mbarrier wait. gpu-interp holds this to account: a write to an element an unretired wgmma
// reads, or a read of accumulators an unretired wgmma writes, is an error.
#include "target/gpu/Lower.h"

#include <set>

namespace tilec::gpu {

namespace {

using Sync = SWgmmaSync::What;

bool isStageWait(const SStmt &s) {
  auto *m = s->as<SMbarrier>();
  return m && m->what == SMbarrier::What::Wait;
}

// A T.gemm lowered to wgmma with its single wait_group 0; its accumulator goes to `acc`.
bool isWgmmaGemm(const SStmt &s, Buffer &acc) {
  auto *op = s->as<SOp>();
  if (!op || !containsKind(op->body, SKind::Wgmma))
    return false;
  int waits = 0;
  bool other = false; // a store, a barrier, or a wait of another kind
  forEachStmt(op->body, [&](const SStmt &x) {
    if (auto *w = x->as<SWgmmaSync>(); w && w->what == Sync::Wait) {
      ++waits, acc = w->acc;
      other = other || w->pending != 0 || !w->acc;
    }
    other = other || x->kind == SKind::Store || x->kind == SKind::VecCopy || x->kind == SKind::Barrier;
    if (auto *m = x->as<SWgmma>(); m && m->registerA()) // its registers would be rewritten under it
      other = true;
  });
  return waits == 1 && !other;
}

// The gemm op with its wait_group 0 turned into wait_group `pending`.
SStmt withWait(const SStmt &s, int pending) {
  if (!s)
    return s;
  if (SStmt control = rebuildControl(s, [&](const SStmt &c) { return withWait(c, pending); }))
    return control;
  if (auto *op = s->as<SOp>()) {
    auto out = std::make_shared<SOp>(*op);
    out->body = withWait(op->body, pending);
    return out;
  }
  if (auto *w = s->as<SWgmmaSync>(); w && w->what == Sync::Wait)
    return std::make_shared<SWgmmaSync>(Sync::Wait, pending, w->acc);
  return s;
}

// The loop rebuilt as above with the waits after it, or null when it is not such a pipeline.
SStmt overlapped(const SFor &loop, std::vector<SStmt> &after) {
  auto *seq = loop.body ? loop.body->as<SSeq>() : nullptr;
  if (!seq || seq->stmts.size() < 4)
    return nullptr;
  const std::vector<SStmt> &items = seq->stmts;
  if (!isTmaRefill(items.front()) || !isStageWait(items[1]) || items.back()->kind != SKind::Barrier)
    return nullptr;
  std::vector<Buffer> accs;
  for (size_t i = 2; i + 1 < items.size(); ++i) {
    Buffer acc;
    if (!isWgmmaGemm(items[i], acc))
      return nullptr;
    accs.push_back(acc);
  }
  int groups = static_cast<int>(accs.size());
  std::vector<SStmt> body{items[1]};
  for (size_t i = 2; i + 1 < items.size(); ++i)
    body.push_back(withWait(items[i], groups));
  body.push_back(items.back());
  body.push_back(items.front());
  std::set<const ir::BufferNode *> seen;
  for (const Buffer &acc : accs)
    if (seen.insert(acc.get()).second)
      after.push_back(std::make_shared<SWgmmaSync>(Sync::Wait, 0, acc));
  return std::make_shared<SFor>(loop.var, loop.min, loop.extent, loop.unroll, sseq(std::move(body)));
}

SStmt rewrite(const SStmt &s) {
  if (!s)
    return s;
  if (auto *seq = s->as<SSeq>()) { // a loop rebuilt here is followed by its final waits
    std::vector<SStmt> out;
    for (const SStmt &c : seq->stmts) {
      std::vector<SStmt> after;
      SStmt loop = c->kind == SKind::For ? overlapped(*c->as<SFor>(), after) : nullptr;
      out.push_back(loop ? loop : rewrite(c));
      out.insert(out.end(), after.begin(), after.end());
    }
    return sseq(std::move(out));
  }
  if (SStmt control = rebuildControl(s, rewrite))
    return control;
  if (auto *op = s->as<SOp>()) {
    auto out = std::make_shared<SOp>(*op);
    out->body = rewrite(op->body);
    return out;
  }
  return s;
}

} // namespace

void overlapWgmma(Kernel &k) {
  if (k.usesTma)
    k.body = rewrite(k.body);
}

} // namespace tilec::gpu
