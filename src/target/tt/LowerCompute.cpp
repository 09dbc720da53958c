// The compute kernel: a walk over the block body that keeps loops and lets, and hands each tile op
// to its lowering (compute/<Op>.cpp, compute/Ops.h), which goes through the CB/DST protocol
// engine (compute/CbProtocol.h: chunks, holding, rotation, inits). The walk owns what spans
// statements:
//   - a tile the reader fills is waited for at its T.copy and popped when the next value arrives
//     or when its loop iteration / block ends, so the reader can run a stage ahead;
//   - the K loop of a GEMM whose accumulator fits DST keeps the accumulator in DST across the
//     whole loop (acquire before, pack after): no spill and no reload;
//   - the kernel's start: the hardware startup of the first op family, and its one init when the
//     whole kernel needs only one.
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"
#include "target/tt/compute/Ops.h"

#include <optional>
#include <set>

namespace tilec::tt {

using namespace ir;

namespace {

std::vector<Stmt> flatten(const Stmt &s) {
  if (auto *sq = s->as<Seq>())
    return sq->stmts;
  return {s};
}

bool isZeroFill(const Stmt &s, const Buffer &b) {
  auto *f = s->as<Fill>();
  if (!f || f->dst.buffer != b)
    return false;
  auto *x = f->value->as<FloatImm>();
  auto *i = f->value->as<IntImm>();
  return (x && x->value == 0) || (i && i->value == 0);
}

// Removes every call equal to `call` from `body`, nested ones included.
void removeCalls(KBody &body, const KStmt &call) {
  for (size_t i = 0; i < body.size();) {
    if (sameStmt(body[i], call)) {
      body.erase(body.begin() + i);
      continue;
    }
    removeCalls(body[i].body, call);
    ++i;
  }
}

class ComputeLowering {
public:
  explicit ComputeLowering(TTProgram &p) : p_(p), engine_(p) {}

  KBody lowerBlock(const Stmt &body) {
    InitTracker &inits = engine_.inits();
    inits.current = "";
    inits.keys.clear();
    KBody out = lower(body, nullptr);
    std::set<std::string> keys(inits.keys.begin(), inits.keys.end());
    if (keys.size() == 1) { // one op family for the whole kernel: initialise it once, up front
      hoistedInit = inits.initFor.at(*keys.begin());
      removeCalls(out, *hoistedInit);
    }
    append(out, engine_.popHeldSince({}));
    return out;
  }

  const CbProtocol &engine() const { return engine_; }
  std::optional<KStmt> hoistedInit;

private:
  TTProgram &p_;
  CbProtocol engine_;

  // `inDst`: the accumulator the enclosing K loop keeps in DST (null: none).
  KBody lower(const Stmt &s, const BufferNode *inDst) {
    if (auto *sq = s->as<Seq>())
      return lowerSeq(sq->stmts, inDst);
    if (auto *f = s->as<For>())
      return lowerFor(*f, false);
    if (auto *i = s->as<If>())
      return lowerIf(*i, inDst);
    if (auto *l = s->as<LetStmt>()) {
      KBody out = {kDecl(KType::MaybeUnusedU32, kIr(l->var), kIr(l->value))};
      append(out, lower(l->body, inDst));
      return out;
    }
    switch (s->kind) {
#define TILEC_TILE_OP(Name)                                                                        \
  case StmtKind::Name: return lower##Name(engine_, *s->as<Name>(), inDst);
#include "ir/ops/TileOps.def"
    default: return {};
    }
  }

  KBody lowerSeq(const std::vector<Stmt> &stmts, const BufferNode *inDst) {
    KBody out;
    for (size_t i = 0; i < stmts.size(); ++i) {
      // T.clear(C) right before a K loop that keeps C in DST: DST starts zeroed, nothing to fill.
      if (i + 1 < stmts.size()) {
        auto *loop = stmts[i + 1]->as<For>();
        const Gemm *resident = loop ? residentAccumulator(*loop) : nullptr;
        if (resident && isZeroFill(stmts[i], resident->c.buffer) && !engine_.holds(resident->c.buffer.get())) {
          append(out, lowerFor(*loop, true));
          ++i;
          continue;
        }
      }
      append(out, lower(stmts[i], inDst));
    }
    return out;
  }

  // A K loop [copies..., gemm into C] whose C fits DST and is touched by nothing else in the loop.
  const Gemm *residentAccumulator(const For &loop) const {
    const Gemm *gemm = nullptr;
    for (const Stmt &s : flatten(loop.body)) {
      if (auto *g = s->as<Gemm>()) {
        if (gemm)
          return nullptr;
        gemm = g;
        continue;
      }
      auto *c = s->as<Copy>();
      if (!c || c->src.buffer->scope != Scope::Global)
        return nullptr;
    }
    if (!gemm || gemm->clearAccum || gemm->transposeA) // transposing A needs DST inside the loop
      return nullptr;
    const CbPlan *cb = engine_.cbOf(gemm->c.buffer.get());
    if (!cb || cb->role != CbRole::Intermediate || cb->valueTiles > p_.compute.dstTiles)
      return nullptr;
    return gemm;
  }

  // Before a K loop that keeps the accumulator `acc` in DST: acquire, and unless DST starts zeroed,
  // load the held value of `acc` into it and pop it.
  KBody accumulatorIntoDst(const Gemm &resident, const CbPlan &acc, bool startsZeroed) {
    KExpr cb = kName(acc.name), n = kInt(acc.valueTiles), u = kName("u");
    KBody out = {kComment(resident.c.buffer->name + " stays in DST for the whole K loop"), kCall("tile_regs_acquire")};
    if (!startsZeroed) {
      engine_.ensureInit(out, "copy:" + acc.name, kCall("copy_init", {cb}));
      out.push_back(kFor(u, kInt(0), n, {kCall("copy_tile", {cb, u, u})}));
      out.push_back(kCall("cb_pop_front", {cb, n}));
    }
    return out;
  }

  // A block-uniform `if` (validate-tt): each branch is lowered like a loop body run once — what it
  // creates is popped at its end, and no init is assumed across it — so that both ways through
  // leave compute holding the same tiles.
  KBody lowerIf(const If &i, const BufferNode *inDst) {
    auto branch = [&](const Stmt &body) {
      CbProtocol::Held entry = engine_.held();
      engine_.forgetInit();
      KBody out = lower(body, inDst);
      append(out, engine_.popHeldSince(entry));
      engine_.forgetInit();
      return out;
    };
    KBody then = branch(i.thenBody);
    KBody otherwise = i.elseBody ? branch(i.elseBody) : KBody{};
    KBody out;
    if (!then.empty())
      out.push_back(kIf(kIr(i.cond), then));
    if (!otherwise.empty())
      out.push_back(kIf(kNot(kIr(i.cond)), otherwise));
    return out;
  }

  KBody lowerFor(const For &f, bool startsZeroed) {
    CbProtocol::Held entry = engine_.held();
    const Gemm *resident = residentAccumulator(f);
    if (resident && !startsZeroed && !engine_.holds(resident->c.buffer.get()))
      resident = nullptr;
    KBody before, after;
    const CbPlan *acc = resident ? &engine_.cbOf(resident->c.buffer, resident->loc) : nullptr;
    if (acc) {
      before = accumulatorIntoDst(*resident, *acc, startsZeroed);
      engine_.setHeld(acc->buffer.get(), false);
      entry[acc->buffer.get()] = false;
    }
    engine_.forgetInit();
    KBody body = lower(f.body, acc ? acc->buffer.get() : nullptr);
    append(body, engine_.popHeldSince(entry));
    engine_.forgetInit();
    if (acc) { // pack the accumulator once, after the loop, and hold it again
      after = engine_.packChunk(*acc, acc->valueTiles, Production{}, false);
      after.push_back(engine_.waitWhole(*acc));
    }
    if (body.empty())
      return {};
    KBody out = before;
    out.push_back(kFor(kIr(f.var), kIr(f.min), add(kIr(f.min), kIr(f.extent)), body));
    append(out, after);
    return out;
  }
};

std::string hwStartupOp(const std::string &family) {
  if (family == "matmul")
    return "hw_startup_matmul";
  if (family == "unary")
    return "hw_startup_unary";
  return "hw_startup_binary";
}

} // namespace

void lowerCompute(TTProgram &p) {
  ComputeLowering lowering(p);
  p.computeKernel.perBlock = lowering.lowerBlock(p.func->body);
  const CbProtocol &engine = lowering.engine();
  KBody prologue;
  if (!engine.firstFamily.empty()) {
    std::vector<KExpr> cbs = engine.firstCbs;
    if (engine.firstFamily == "unary")
      cbs = {cbs[0], cbs[2]};
    prologue.push_back(kCall(hwStartupOp(engine.firstFamily), cbs));
  }
  if (lowering.hoistedInit)
    prologue.push_back(*lowering.hoistedInit);
  if (const CbPlan *scaler = p.scalerCb()) {
    prologue.push_back(kCall("cb_wait_front", {kName(scaler->name), kInt(1)}));
    p.computeKernel.epilogue.push_back(kCall("cb_pop_front", {kName(scaler->name), kInt(1)}));
  }
  p.computeKernel.prologue = prologue;
}

} // namespace tilec::tt
