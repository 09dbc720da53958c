// tma-pipeline (sm_90a): a T.Pipelined loop whose stage-ahead copies all land in tiles wgmma reads
// issues them with the Tensor Memory Accelerator instead of cp.async.
//
// PipelinedLoop.cpp lowers the loop for cp.async and marks what it built: the pipeline op
// (SOp::pipelineStages) and each copy op with the tile copy it performs (SOp::tileCopy). Here
// such a pipeline is rebuilt, per stage s one "full" mbarrier full[s] (a 64-bit word in shared
// memory, arrival count 1):
//
//   if (tx == 0) { mbarrier_init(full[s], 1) for every s; fence_mbarrier_init(); }
//   __syncthreads();                          // every thread sees the initialised barriers
//   prologue, per iteration i < S - 1:  if (tx == 0) { arrive_expect_tx(full[i], bytes); tma... }
//   for k:
//     if (k + S - 1 < n && tx == 0) { arrive_expect_tx(full[(k + S - 1) % S], bytes); tma... }
//     mbarrier_wait(full[k % S], parity (k / S) % 2)   // every thread: stage k % S has landed
//     compute on stage k % S
//     __syncthreads()                         // all readers of stage k % S are done before
//                                             // iteration k + 1 refills it
//   if (tx == 0) mbarrier_inval(full[s]) for every s
//
// Stage s is filled for iterations s, s + S, s + 2S, ...: the j-th fill completes the barrier's
// phase j, whose parity is j % 2 = (k / S) % 2. One elected thread arrives once per phase and
// announces the bytes its TMA copies will complete (expect_tx), so the phase completes exactly
// when they have landed. TMA writes through the async proxy, which is the proxy wgmma reads
// through: no fence.proxy.async is needed (fence-async-proxy fences only generic writes). The
// barrier at the end of each iteration is what makes a refill safe ("empty" barriers with
// consumer arrivals would let a warpgroup run ahead: not done).
//
// Each copy becomes one TMA per box: the tile's whole [rows][cols] box when its rows are 32 or 64
// bytes (swizzle 32B / 64B), else one box per 64-column block (128 bytes, swizzle 128B): the
// layout WgmmaTile.h gives the tile, which swizzle-shared then applies to the destination index.
// A pipeline with a copy TMA cannot do (a tile wgmma does not read, a source whose row strides are
// not multiples of 16 bytes or whose shape is not constant, a box that is not the tile) keeps
// cp.async.
#include "target/gpu/Lower.h"

#include "ir/Printer.h"

#include <fmt/format.h>

#include <functional>

namespace tilec::gpu {

using namespace ir;
using sx::i32;
using sx::plus;

namespace {

using What = SMbarrier::What;

// The largest box extent a tensor map allows in any dimension.
constexpr int64_t kMaxBoxExtent = 256;

class TmaPipelines {
public:
  explicit TmaPipelines(Kernel &k) : k_(k) {}

  SStmt stmt(const SStmt &s) {
    if (!s)
      return s;
    if (SStmt control = rebuildControl(s, [&](const SStmt &c) { return stmt(c); }))
      return control;
    switch (s->kind) {
    case SKind::Op: {
      auto *n = s->as<SOp>();
      if (n->pipelineStages >= 2)
        if (SStmt tma = pipeline(*n))
          return tma;
      if (n->tileCopy && !n->tileCopy->stage)
        if (SStmt tma = copy(*n))
          return tma;
      auto out = std::make_shared<SOp>(*n);
      out->body = stmt(n->body);
      return out;
    }
    default: return s;
    }
  }

private:
  Kernel &k_;
  // The pipeline being rebuilt.
  Buffer full_;
  int stages_ = 0;
  bool ok_ = true;

  Expr elected() const { return binary(BinaryOp::Eq, k_.threadIdx, i32(0)); }
  SStmt barrierOp(What w, int64_t s, int64_t bytes = 0) const {
    return std::make_shared<SMbarrier>(w, full_, i32(s), bytes);
  }

  // The TMA form of a pipeline op, or null when one of its copies cannot be a TMA.
  SStmt pipeline(const SOp &op) {
    stages_ = op.pipelineStages;
    ok_ = true;
    size_t mapsBefore = k_.tensorMaps.size();
    full_ = makeBuffer(fmt::format("full_barrier{}", pipelines_ ? std::to_string(pipelines_) : ""),
                       {stages_}, DType::Int64, Scope::Shared);
    std::vector<SStmt> init, inval;
    for (int s = 0; s < stages_; ++s)
      init.push_back(barrierOp(What::Init, s)), inval.push_back(barrierOp(What::Inval, s));
    init.push_back(std::make_shared<SMbarrier>(What::InitFence, nullptr, nullptr));
    SStmt body = list(op.body, nullptr);
    if (!ok_ || !body) {
      k_.tensorMaps.resize(mapsBefore);
      return nullptr;
    }
    ++pipelines_;
    k_.shared.push_back(full_);
    k_.usesTma = true;
    auto out = std::make_shared<SOp>(
        fmt::format("{}: TMA copies, one mbarrier per stage",
                    op.what.substr(0, op.what.find(':'))),
        sseq({sif(elected(), sseq(init)), std::make_shared<SBarrier>(), body, sif(elected(), sseq(inval))}));
    out->tmaFull = full_, out->pipelineStages = stages_; // warp-specialize finds it by these
    return out;
  }
  int pipelines_ = 0;

  // One copy outside a pipeline (the flash-attention Q tile, copies of one-stage loops) as a TMA
  // the block waits for at once, on one barrier all such copies share (copy_barrier, initialised
  // at the kernel's start): the elected thread announces the bytes and issues the boxes, every
  // thread waits for the phase of parity copy_phase (a register of each thread, flipped after
  // each wait: every thread runs every copy, so they agree).
  SStmt copy(const SOp &op) {
    Buffer saved = full_;
    if (!copyBarrier_) {
      copyBarrier_ = makeBuffer("copy_barrier", {1}, DType::Int64, Scope::Shared);
      copyPhase_ = makeBuffer("copy_phase", {}, DType::Int32, Scope::Local);
    }
    full_ = copyBarrier_;
    std::vector<SStmt> tmas;
    int64_t bytes = 0;
    size_t mapsBefore = k_.tensorMaps.size();
    bool ok = boxes(*op.tileCopy, nullptr, tmas, bytes);
    full_ = saved;
    if (!ok) {
      k_.tensorMaps.resize(mapsBefore);
      return nullptr;
    }
    copies_ = true;
    std::vector<SStmt> issue{std::make_shared<SMbarrier>(What::ArriveExpectTx, copyBarrier_, i32(0), bytes)};
    issue.insert(issue.end(), tmas.begin(), tmas.end());
    Expr phase = sx::ld(copyPhase_, {});
    auto out = std::make_shared<SOp>(
        op.what.substr(0, op.what.find(" (")) + " (TMA, waited for at once)",
        sseq({sif(elected(), sseq(issue)), std::make_shared<SMbarrier>(What::Wait, copyBarrier_, i32(0), 0, phase),
              sstore(copyPhase_, {}, sx::minus(i32(1), phase))}));
    return out;
  }

public:
  // The kernel's start for the copies: the shared barrier initialised, every thread's phase 0.
  SStmt copyPrologue() const {
    if (!copies_)
      return nullptr;
    auto at = [&](What w) { return std::make_shared<SMbarrier>(w, copyBarrier_, i32(0)); };
    return sseq({sif(elected(), sseq({at(What::Init), std::make_shared<SMbarrier>(What::InitFence, nullptr, nullptr)})),
                 std::make_shared<SBarrier>(), sstore(copyPhase_, {}, i32(0))});
  }
  Buffer copyBarrier_, copyPhase_;
  bool copies_ = false;

private:

  // A statement list of the pipeline (`k`: the pipelined loop's counter once inside it). Runs
  // of copy ops become one elected TMA issue; commits go; the wait for iteration k's group and
  // the barrier after it become the wait on stage k % S.
  SStmt list(const SStmt &s, const Var &k) {
    if (!s)
      return s;
    std::vector<SStmt> items = s->as<SSeq>() ? s->as<SSeq>()->stmts : std::vector<SStmt>{s};
    std::vector<SStmt> out;
    std::vector<const TileCopy *> group;
    bool dropBarrier = false;
    auto flush = [&]() {
      if (!group.empty())
        out.push_back(issue(group));
      group.clear();
    };
    for (const SStmt &c : items) {
      if (auto *op = c->as<SOp>(); op && op->tileCopy && op->tileCopy->stage) { // issued stages ahead
        group.push_back(op->tileCopy.get());
        continue;
      }
      if (auto *op = c->as<SOp>(); op && op->tileCopy) { // a copy of the compute, waited for at once
        flush();
        SStmt tma = copy(*op);
        out.push_back(tma ? tma : c);
        continue;
      }
      if (auto *op = c->as<SOp>(); op && !op->tileCopy && op->what.rfind("T.copy", 0) == 0 &&
                                   containsKind(op->body, SKind::CpAsync)) {
        ok_ = false; // a copy issued ahead whose box is unknown
        continue;
      }
      flush();
      switch (c->kind) {
      case SKind::CpAsyncCommit: break;
      case SKind::CpAsyncWait:
        if (!k) {
          ok_ = false;
          break;
        }
        out.push_back(std::make_shared<SMbarrier>(What::Wait, full_, sx::mod(k, i32(stages_)), 0,
                                                  sx::mod(sx::div(k, i32(stages_)), i32(2))));
        dropBarrier = true;
        break;
      case SKind::Barrier:
        if (!dropBarrier)
          out.push_back(c);
        dropBarrier = false;
        break;
      case SKind::If: {
        auto *n = c->as<SIf>();
        out.push_back(std::make_shared<SIf>(n->cond, list(n->thenBody, k), list(n->elseBody, k)));
        break;
      }
      case SKind::Let: {
        auto *n = c->as<SLet>();
        out.push_back(std::make_shared<SLet>(n->var, n->value, list(n->body, k)));
        break;
      }
      case SKind::For: {
        auto *n = c->as<SFor>();
        if (k) { // a loop of the compute: left alone
          out.push_back(c);
          break;
        }
        out.push_back(std::make_shared<SFor>(n->var, n->min, n->extent, n->unroll, list(n->body, n->var)));
        break;
      }
      default: out.push_back(c); break;
      }
    }
    flush();
    return sseq(std::move(out));
  }

  // One iteration's copies: the elected thread announces their bytes on the stage's barrier,
  // then issues one TMA per box.
  SStmt issue(const std::vector<const TileCopy *> &copies) {
    std::vector<SStmt> tmas;
    int64_t bytes = 0;
    Expr stage = copies.front()->stage;
    for (const TileCopy *c : copies) {
      if (!sameExpr(c->stage, stage)) {
        ok_ = false;
        return nullptr;
      }
      if (!boxes(*c, stage, tmas, bytes)) {
        ok_ = false;
        return nullptr;
      }
    }
    std::vector<SStmt> body{std::make_shared<SMbarrier>(What::ArriveExpectTx, full_, stage, bytes)};
    body.insert(body.end(), tmas.begin(), tmas.end());
    return sif(elected(), sseq(body));
  }

  static bool sameExpr(const Expr &a, const Expr &b) { return printExpr(a) == printExpr(b); }

  // The TMAs of one copy (appended to `out`, their bytes added to `bytes`); false when TMA cannot do it.
  bool boxes(const TileCopy &c, const Expr &stage, std::vector<SStmt> &out, int64_t &bytes) {
    if (!k_.wgmmaTiles.count(c.dst.get()) || c.src->scope != Scope::Global || c.src->dtype != c.dst->dtype)
      return false;
    std::vector<int64_t> dst = staticShape(c.dst);
    std::optional<WgmmaTile> tile = wgmmaTileFor(dst, c.dst->dtype);
    if (!tile || dst.size() != (stage ? 3u : 2u) || c.src->rank() < 1 || c.src->rank() > 5)
      return false;
    // The source: constant shape, row strides multiples of 16 bytes (cuTensorMapEncodeTiled's rule).
    int64_t esz = dtypeBytes(c.src->dtype), stride = esz;
    for (size_t d = c.src->rank(); d-- > 0;) {
      auto n = asConstInt(c.src->shape[d]);
      if (!n || (d + 1 < c.src->rank() && stride % 16))
        return false;
      stride *= *n;
    }
    // The box is the tile: its last extent the tile's columns, the others together its rows.
    int64_t rows = 1;
    for (size_t d = 0; d + 1 < c.extents.size(); ++d)
      rows *= c.extents[d];
    if (c.extents.back() != tile->cols || rows != tile->rows)
      return false;
    for (int64_t e : c.extents)
      if (e > kMaxBoxExtent)
        return false;
    int64_t boxCols = tile->blocked() ? tile->segmentElems() : tile->cols;
    std::vector<int64_t> box = c.extents;
    box.back() = boxCols;
    int map = tensorMap(TensorMap{var(c.src->name + "_map"), c.src, box, static_cast<int>(tile->segmentBytes)});
    for (int64_t col = 0; col < tile->cols; col += boxCols) {
      std::vector<Expr> coords = c.starts;
      coords.back() = plus(coords.back(), i32(col));
      std::vector<Expr> at{i32(0), i32(col)};
      if (stage)
        at.insert(at.begin(), stage);
      out.push_back(std::make_shared<STma>(c.dst, at, c.src, coords, map, full_, stage ? stage : i32(0)));
      bytes += k_.tensorMaps[map].boxBytes();
    }
    return true;
  }

  int tensorMap(const TensorMap &m) {
    for (size_t i = 0; i < k_.tensorMaps.size(); ++i) {
      const TensorMap &o = k_.tensorMaps[i];
      if (o.tensor.get() == m.tensor.get() && o.box == m.box && o.swizzleBytes == m.swizzleBytes)
        return static_cast<int>(i);
    }
    k_.tensorMaps.push_back(m);
    return static_cast<int>(k_.tensorMaps.size() - 1);
  }
};

} // namespace

void tmaPipelines(Kernel &k) {
  TmaPipelines t(k);
  k.body = t.stmt(k.body);
  if (t.copies_) {
    k.shared.push_back(t.copyBarrier_), k.registers.push_back(t.copyPhase_);
    k.body = sseq({t.copyPrologue(), k.body});
    k.usesTma = true;
  }
  if (k.usesTma)
    k.usesCpAsync = containsKind(k.body, SKind::CpAsync); // launch.json's cp_async: any left
}

} // namespace tilec::gpu
