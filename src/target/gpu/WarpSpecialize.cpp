// warp-specialize (sm_90a): a kernel whose one TMA pipeline (tma-pipeline) sits at its top level
// gets a producer warpgroup of its own. The block grows by 128 threads (T consumers + 128) and
// runs two roles at the same time:
//
//   if (tx == 0) { init full[s] (1 arrival), empty[s] (T arrivals) for every s; fence_mbarrier_init(); }
//   __syncthreads();
//   if (tx >= T) {                                // the producer warpgroup
//     setmaxnreg.dec P;                           // (blocks of more than 256 threads)
//     if (tx == T)                                // its first thread does it all
//       for j < n:
//         if (j >= S) mbarrier_wait(empty[j % S], parity (j / S + 1) % 2);   // stage free again
//         arrive_expect_tx(full[j % S], bytes); tma ...                      // iteration j's tiles
//   } else {                                      // the consumer warpgroups: the kernel as it was
//     setmaxnreg.inc C;
//     ...
//     for k < n:
//       mbarrier_wait(full[k % S], parity (k / S) % 2);
//       compute on stage k % S
//       mbarrier_arrive(empty[k % S]);            // every consumer thread: done reading the stage
//     ...
//   }
//
// The consumers no longer issue copies or meet the producer: the end-of-iteration
// __syncthreads() that made a refill safe is gone (the producer waits for the stage's "empty"
// phase instead, which completes when all T consumer threads have arrived after their reads; on
// an H200 one arrival per warp, after the warp's wgmma wait, made 128 x 128 flash attention 5%
// slower than one per thread),
// and every other __syncthreads() of the kernel becomes the named barrier `bar.sync 1, T` of the
// consumers. When overlap-wgmma left the loop's wgmma group in flight (wait_group 1 retires the
// previous iteration's group), iteration k releases stage (k - 1) % S instead. setmaxnreg moves
// registers from the producer (which only issues TMAs) to the consumers when the block is too
// large for each thread to have enough: P = 40, C = the largest multiple of 8 that fits
// 65536 registers, at most 240.
//
// The producer's 128 threads take registers at launch, so a kernel could lose blocks per SM to
// them: it is specialized only when as many blocks fit an SM with the producer as without it,
// counting shared memory and the register tiles (on an H200, 128 x 128 flash attention went from
// 532 to 605 TFLOP/s, one block per SM either way, and 64 x 64 from 476 to 494 at two; the
// 128 x 128 x 32 GEMM, three blocks per SM without the producer and one with it, fell to half).
//
// Kernels this does not fit keep the single-role pipeline: no TMA pipeline, more than one, one
// nested in a loop or condition (the producer would have to replay the control around it), loop
// bounds computed from memory, or a block that would pass 1024 threads.
#include "target/gpu/Lower.h"

#include "ir/Functor.h"
#include "target/gpu/SharedAccesses.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace tilec::gpu {

using namespace ir;
using sx::i32;

namespace {

using What = SMbarrier::What;

constexpr int kProducerThreads = 128, kProducerRegs = 40, kConsumerRegsMax = 240, kRegisterFile = 65536;
// Shared memory and threads of an SM (H100 / H200), and the shared memory reserved per block.
constexpr int64_t kSharedPerSM = 228 * 1024, kSharedPerBlockReserved = 1024, kThreadsPerSM = 2048;
constexpr int kConsumerBarrier = 1; // named barrier 0 is __syncthreads()

// The pipeline op, the Lets on the way to it from the kernel body (Seqs and Lets only) and the
// statements that run before it.
struct Path {
  const SOp *op = nullptr;
  std::vector<const SLet *> lets;
  std::vector<SStmt> before;
};

bool findPipeline(const SStmt &s, std::vector<const SLet *> &lets, Path &found) {
  if (!s)
    return true;
  if (auto *op = s->as<SOp>(); op && op->tmaFull) {
    if (found.op)
      return false; // a second pipeline
    found.op = op, found.lets = lets;
    return true;
  }
  if (auto *q = s->as<SSeq>()) {
    for (const SStmt &c : q->stmts)
      if (!findPipeline(c, lets, found))
        return false;
    return true;
  }
  if (auto *l = s->as<SLet>()) {
    lets.push_back(l);
    bool ok = findPipeline(l->body, lets, found);
    lets.pop_back();
    return ok;
  }
  bool nested = false; // a pipeline under a loop, a condition or another op
  forEachStmt(s, [&](const SStmt &x) { nested = nested || (x->as<SOp>() && x->as<SOp>()->tmaFull); });
  if (!found.op)
    found.before.push_back(s);
  return !nested;
}

struct LoadFinder : IRVisitor {
  bool found = false;
  void visitLoad(const Load &) override { found = true; }
};

// Blocks an SM holds at once, as shared memory and registers allow, for the kernel's T threads
// alone or with a producer warpgroup (whose registers setmaxnreg cuts to 40 in blocks of more
// than 256 threads). A consumer thread's registers are counted as its register tiles' 32-bit
// words (a lower bound: ptxas adds addresses and indices), at most 255.
int64_t blocksPerSM(const Kernel &k, bool producer) {
  int64_t words = 0;
  for (const Buffer &b : k.registers) {
    int64_t n = 1;
    for (int64_t d : staticShape(b))
      n *= d;
    words += (n * dtypeBytes(b->dtype) + 3) / 4;
  }
  words = std::clamp<int64_t>(words, 1, 255);
  int64_t threads = k.threads + (producer ? kProducerThreads : 0);
  int64_t registers = producer && threads > 256 ? kProducerThreads * kProducerRegs + k.threads * words
                                                : threads * words;
  return std::min({kSharedPerSM / (k.sharedBytes() + kSharedPerBlockReserved), kRegisterFile / registers,
                   kThreadsPerSM / threads});
}

bool readsMemory(const Expr &e) {
  LoadFinder f;
  f.visit(e);
  return f.found;
}


class WarpSpecializer {
public:
  WarpSpecializer(Kernel &k, const SOp &op) : k_(k), op_(op), stages_(op.pipelineStages), T_(k.threads) {}

  // The kernel rebuilt, or null when the pipeline does not have the expected shape.
  SStmt run(const std::vector<const SLet *> &outerLets) {
    empty_ = makeBuffer(op_.tmaFull->name + "_empty", {stages_}, DType::Int64, Scope::Shared);
    std::vector<const SLet *> lets = outerLets;
    if (!findLoop(op_.body, lets) || !splitLoop())
      return nullptr;
    for (const SLet *l : lets)
      if (readsMemory(l->value))
        return nullptr; // the producer could not evaluate it
    SStmt consumer = consumerProgram(k_.body);
    SStmt producer = std::make_shared<SOp>(op_.what + ", issued by the producer warpgroup", producerLoop());
    for (auto it = lets.rbegin(); it != lets.rend(); ++it)
      producer = std::make_shared<SLet>((*it)->var, (*it)->value, producer);
    SIf::Roles roles;
    if (T_ + kProducerThreads > 256) { // else every thread may keep 255 registers anyway
      roles.producerRegs = kProducerRegs;
      roles.consumerRegs =
          std::min(kConsumerRegsMax, (kRegisterFile - kProducerThreads * kProducerRegs) / T_ / 8 * 8);
    }
    Expr isProducer = binary(BinaryOp::Ge, k_.threadIdx, i32(T_));
    std::vector<SStmt> init;
    for (int s = 0; s < stages_; ++s) {
      init.push_back(std::make_shared<SMbarrier>(What::Init, op_.tmaFull, i32(s), 1));
      init.push_back(std::make_shared<SMbarrier>(What::Init, empty_, i32(s), T_));
    }
    init.push_back(std::make_shared<SMbarrier>(What::InitFence, nullptr, nullptr));
    if (!k_.sharedAt.empty()) // alias-shared-tiles placed the others: the new barriers go after them
      k_.sharedAt.push_back(k_.sharedBytes());
    k_.shared.push_back(empty_);
    k_.threads = T_ + kProducerThreads;
    return sseq({sif(binary(BinaryOp::Eq, k_.threadIdx, i32(0)), sseq(init)), std::make_shared<SBarrier>(),
                 std::make_shared<SIf>(isProducer, producer, consumer, roles)});
  }

private:
  Kernel &k_;
  const SOp &op_;
  int stages_, T_;
  Buffer empty_;
  const SFor *loop_ = nullptr;
  SStmt refill_, consumerLoop_;

  // The pipelined loop inside the op (reached through Seqs and Lets, whose Lets join `lets`).
  bool findLoop(const SStmt &s, std::vector<const SLet *> &lets) {
    if (auto *q = s ? s->as<SSeq>() : nullptr) {
      for (const SStmt &c : q->stmts)
        if (c->kind == SKind::For || c->kind == SKind::Let || c->kind == SKind::Seq)
          if (findLoop(c, lets))
            return true;
      return false;
    }
    if (auto *l = s ? s->as<SLet>() : nullptr) {
      lets.push_back(l);
      if (findLoop(l->body, lets))
        return true;
      lets.pop_back();
      return false;
    }
    auto *f = s ? s->as<SFor>() : nullptr;
    if (!f || !containsKind(f->body, SKind::Tma))
      return false;
    loop_ = f;
    return true;
  }

  // The loop's refill and the consumers' loop: the refill and the barrier that protected it
  // dropped, the stage released after the reads.
  bool splitLoop() {
    auto *seq = loop_->body ? loop_->body->as<SSeq>() : nullptr;
    if (!seq || asConstInt(loop_->min) != std::optional<int64_t>(0))
      return false;
    const std::vector<SStmt> &items = seq->stmts;
    std::vector<SStmt> body;
    Expr k = loop_->var;
    SStmt release;
    if (isTmaRefill(items.front()) && items.back()->kind == SKind::Barrier) { // refill, wait, compute, barrier
      refill_ = items.front();
      body.assign(items.begin() + 1, items.end() - 1);
      release = std::make_shared<SMbarrier>(What::Arrive, empty_, sx::mod(k, i32(stages_)));
    } else if (items.size() >= 2 && isTmaRefill(items.back()) && items[items.size() - 2]->kind == SKind::Barrier) {
      refill_ = items.back(); // overlap-wgmma: wait, compute (wait_group 1), barrier, refill
      body.assign(items.begin(), items.end() - 2);
      release = sif(binary(BinaryOp::Ge, k, i32(1)),
                    std::make_shared<SMbarrier>(What::Arrive, empty_, sx::mod(sx::minus(k, i32(1)), i32(stages_))));
    } else {
      return false;
    }
    for (const SStmt &s : body)
      if (containsKind(s, SKind::Tma))
        return false;

    // The dropped barrier also ordered the compute's own shared-memory exchanges (flash
    // attention's P tile written in iteration k + 1 after the wgmma of iteration k read it):
    // a loop that writes shared memory keeps it, as the consumers' named barrier.
    SharedAccesses acc = memoryAccessesOf(sseq(body), Scope::Shared);
    if (!acc.writes.empty() || !acc.asyncWrites.empty() || acc.unknown)
      body.push_back(std::make_shared<SBarrier>());
    body.push_back(release);
    consumerLoop_ = std::make_shared<SFor>(loop_->var, loop_->min, loop_->extent, loop_->unroll, sseq(std::move(body)));
    return true;
  }

  // Iteration j's copies: the refill (which loads iteration k + S - 1) at k = j - (S - 1), after
  // the stage's previous readers released it. One thread runs the whole loop: a thread that only
  // waited could fall two phases behind the one that issues and then wait for a phase of the
  // same parity that never comes.
  SStmt producerLoop() {
    Var j = var(loop_->var->name + "_load");
    Expr k = sx::plus(j, i32(1 - stages_));
    SStmt issue = substituteS(unelected(refill_), {{loop_->var.get(), k}});
    SStmt wait = sif(binary(BinaryOp::Ge, j, i32(stages_)),
                     std::make_shared<SMbarrier>(What::Wait, empty_, sx::mod(j, i32(stages_)), 0,
                                                 sx::mod(sx::plus(sx::div(j, i32(stages_)), i32(1)), i32(2))));
    return sif(binary(BinaryOp::Eq, k_.threadIdx, i32(T_)),
               std::make_shared<SFor>(j, i32(0), loop_->extent, false, sseq({wait, issue})));
  }

  // `s` with the elected thread's conditions (`tx == 0`) dropped: the producer's one thread
  // issues everything.
  SStmt unelected(const SStmt &s) {
    if (auto *i = s ? s->as<SIf>() : nullptr; i && !i->elseBody)
      if (auto *c = i->cond->as<Binary>(); c && c->op == BinaryOp::Eq && c->a.get() == k_.threadIdx.get() &&
                                           asConstInt(c->b) == std::optional<int64_t>(0))
        return unelected(i->thenBody);
    if (SStmt control = rebuildControl(s, [&](const SStmt &c) { return unelected(c); }))
      return control;
    return s;
  }

  // The kernel for the consumers: the pipeline op's body without its barrier set-up (hoisted),
  // prologue copies (the producer's) and invalidation, its loop the consumers' loop; every
  // __syncthreads() the named barrier of the consumers.
  SStmt consumerProgram(const SStmt &s) {
    if (!s)
      return s;
    if (s.get() == &op_) {
      return std::make_shared<SOp>(op_.what + ", consumed by the consumer warpgroups", pipelineBody(op_.body));
    }
    if (auto *b = s->as<SBarrier>(); b && b->id == 0)
      return std::make_shared<SBarrier>(kConsumerBarrier, T_);
    if (SStmt control = rebuildControl(s, [&](const SStmt &c) { return consumerProgram(c); }))
      return control;
    if (auto *op = s->as<SOp>()) {
      auto out = std::make_shared<SOp>(*op);
      out->body = consumerProgram(op->body);
      return out;
    }
    return s;
  }

  // Inside the pipeline op: the loop replaced, the statements that set up, fill ahead or tear
  // down the barriers (Ifs with mbarrier operations or TMAs outside the loop) and the barrier
  // after the set-up dropped, the rest kept as the consumers' code.
  SStmt pipelineBody(const SStmt &s) {
    if (!s)
      return s;
    if (s.get() == loop_)
      return consumerProgram(consumerLoop_);
    if (auto *q = s->as<SSeq>()) {
      std::vector<SStmt> out;
      for (const SStmt &c : q->stmts) {
        if (c->kind == SKind::If && (containsKind(c, SKind::Mbarrier) || containsKind(c, SKind::Tma)))
          continue;
        if (c->kind == SKind::Barrier && q == op_.body->as<SSeq>())
          continue; // the one after the set-up
        out.push_back(pipelineBody(c));
      }
      return sseq(std::move(out));
    }
    if (auto *l = s->as<SLet>())
      return std::make_shared<SLet>(l->var, l->value, pipelineBody(l->body));
    return consumerProgram(s);
  }
};

} // namespace

void warpSpecialize(Kernel &k) {
  if (!k.usesTma || k.threads % 128 != 0 || k.threads + kProducerThreads > 1024)
    return;
  // The producer's threads take registers too: not when that costs blocks per SM.
  if (blocksPerSM(k, true) < blocksPerSM(k, false))
    return;
  Path path;
  std::vector<const SLet *> lets;
  if (!findPipeline(k.body, lets, path) || !path.op || path.op->pipelineStages < 2)
    return;
  // The producer fills the stages from the kernel's start: no tile used before the pipeline may
  // share their bytes (alias-shared-tiles gives disjoint live ranges the same memory).
  SharedAliases aliases = k.sharedAliases();
  std::set<const BufferNode *> stages;
  forEachStmt(path.op->body, [&](const SStmt &x) {
    if (auto *t = x->as<STma>(); t && t->bar.get() == path.op->tmaFull.get())
      stages.insert(t->dst.get());
  });
  for (const SStmt &s : path.before)
    for (const BufferNode *b : memoryAccessesOf(s, Scope::Shared).all())
      for (const BufferNode *st : stages)
        if (b == st || (aliases.count(st) && aliases.at(st).count(b)))
          return;
  if (SStmt body = WarpSpecializer(k, *path.op).run(path.lets)) // changes k only when it succeeds
    k.body = body;
}

} // namespace tilec::gpu
