#include "target/gpu/SimtInterpreter.h"

#include "target/gpu/SharedAccesses.h"

#include "ir/Intrinsics.h"
#include "ir/IntArith.h"
#include "ir/Printer.h"

#include <fmt/format.h>

#include <cmath>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <deque>
#include <map>
#include <unordered_map>

namespace tilec::gpu {

using namespace ir;

namespace {

using Mask = std::vector<uint8_t>;
using Values = std::vector<double>; // one value per thread of the block

[[noreturn]] void error(const std::string &msg) { fail({}, "gpu-interp: " + msg); }

// Race-checking state of one shared-memory element.
struct Cell {
  int writer = -1, reader = -1; // reader -2: several threads
  uint32_t writeEpoch = 0, readEpoch = 0;
  bool inFlight = false; // a cp.async to it has not been waited for
  bool tmaInFlight = false; // a TMA to it has not landed (its mbarrier phase has not completed)
  int wgmmaReads = 0;       // wgmma groups in flight that read it (not yet retired by a wait_group)
  uint64_t genericWrite = 0; // when a store or cp.async (the generic proxy) of `writer` last wrote it
  uint64_t readSeq = 0;      // when it was last read (by a thread, or by a wgmma at its retirement)
};

// Race-checking state of one element of a global tensor the kernel both writes and reads: who
// last wrote and read it, in which block and barrier interval.
struct GlobalCell {
  int64_t writeBlock = -1, readBlock = -1;
  int writer = -1, reader = -1; // reader -2: several threads
  uint32_t writeEpoch = 0, readEpoch = 0;
};

// What gpu-interp knows of one byte of the block's shared memory, kept when some shared buffers
// share bytes (alias-shared-tiles): through which buffer it was last written and read, and by whom.
struct ByteCell {
  const BufferNode *owner = nullptr;    // the buffer it was last written through
  const BufferNode *reader = nullptr;   // the buffer it was last read through (null: several)
  const BufferNode *inFlight = nullptr; // a cp.async to this buffer will write it at its wait
  int writer = -1, readerT = -1;        // readerT -2: several threads
  int wgmmaReads = 0;                   // wgmma groups in flight that read it
  uint32_t writeEpoch = 0, readEpoch = 0;
};

// A wgmma's result, waiting for wgmma.wait_group: thread t's accumulator registers from `offset`.
struct PendingWgmma {
  const BufferNode *acc;
  int thread;
  int64_t offset;
  std::vector<double> values;
};

// One wgmma.commit_group's worth of wgmmas: their results, and the shared elements they read
// (the hardware may read them until a wgmma.wait_group retires the group).
struct WgmmaGroup {
  std::vector<PendingWgmma> results;
  std::vector<std::pair<const BufferNode *, int64_t>> reads;
  std::vector<const BufferNode *> registerReads; // A fragments of RS-form wgmmas, one per wgmma
};

struct PendingCopy {
  const BufferNode *dst;
  int64_t offset;
  std::vector<double> values;
};

// One mbarrier (a 64-bit word of shared memory) as TMA pipelines use it: the phase in progress
// completes when its arrivals are all in and the transaction bytes announced by expect_tx have
// all been completed by TMA copies; only then do those copies' data land in shared memory (the
// latest moment the hardware may deliver them, so a read that does not wait finds nothing).
struct Mbarrier {
  bool initialised = false;
  int count = 0;          // arrivals per phase
  // The earliest arrival (its sequence number) of the phase in progress and of the last one
  // completed: a thread that waits for a phase has seen every access its arrivers made before.
  uint64_t firstArrival = UINT64_MAX, completedFirstArrival = 0;
  int pending = 0;        // arrivals still missing in the phase in progress
  int64_t expectTx = 0;   // bytes announced by expect_tx in this phase
  int64_t phase = 0;      // phases completed so far (the one in progress has parity phase % 2)
  int64_t inFlightBytes = 0;
  std::vector<PendingCopy> inFlight; // TMA data waiting for the phase to complete (one element each)
  bool active() const { return pending != count || expectTx != 0 || inFlightBytes != 0; }
};

class BlockRunner {
public:
  BlockRunner(const Kernel &k, std::vector<interp::Tensor> &args, const interp::SizeBindings &sizes,
              BankReport *banks, GlobalReport *global)
      : k_(k), args_(args), T_(k.threads), banks_(banks), global_(global) {
    for (size_t i = 0; i < k.params.size(); ++i)
      paramIndex_[k.params[i].get()] = i;
    for (const Var &v : k.sizeVars) {
      auto it = sizes.find(v->name);
      if (it == sizes.end())
        error("no value for the size '" + v->name + "'");
      vars_[v.get()] = Values(T_, double(it->second));
    }
    aliased_ = k.sharedAliased();
    SharedAccesses g = memoryAccessesOf(k.body, Scope::Global);
    for (const BufferNode *b : g.writes)
      if (g.reads.count(b) && paramIndex_.count(b))
        globalCells_[b].assign(args_[paramIndex_.at(b)].data.size(), GlobalCell{});
    Values tx(T_);
    for (int t = 0; t < T_; ++t)
      tx[t] = t;
    vars_[k.threadIdx.get()] = tx;
  }

  std::vector<int64_t> gridDims() {
    std::vector<int64_t> g;
    Mask all(T_, 1);
    for (const Expr &e : k_.grid)
      g.push_back(static_cast<int64_t>(eval(e, all)[0]));
    return g;
  }

  void runBlock(const std::vector<int64_t> &blockIdx) {
    ++block_;
    for (size_t d = 0; d < blockIdx.size(); ++d)
      vars_[k_.blockVars[d].get()] = Values(T_, double(blockIdx[d]));
    for (const Buffer &b : k_.shared) {
      shared_[b.get()].assign(numel(b), 0.0);
      cells_[b.get()].assign(numel(b), Cell{});
    }
    for (const Buffer &b : k_.registers)
      regs_[b.get()].assign(numel(b) * T_, 0.0);
    open_.assign(T_, {});
    committed_.assign(T_, {});
    wgmmaOpen_ = {}, wgmmaCommitted_.clear(), accInFlight_.clear();
    proxyFenced_.assign(T_, writeSeq_);
    mbarriers_.clear();
    acquired_.assign(T_, 0);
    sharedBase_.clear();
    std::vector<int64_t> offsets = k_.sharedOffsets();
    for (size_t i = 0; i < k_.shared.size(); ++i) {
      sharedBase_.push_back({offsets[i], k_.shared[i]});
      byteBase_[k_.shared[i].get()] = offsets[i];
    }
    if (aliased_)
      bytes_.assign(k_.sharedBytes(), ByteCell{});
    epoch_ = 1;
    exec(k_.body, Mask(T_, 1));
    for (const auto &[key, bar] : mbarriers_)
      if (!bar.inFlight.empty())
        error(fmt::format("the block ends with TMA copies on mbarrier {}[{}] whose phase no thread waited for",
                          key.first->name, key.second));
    if (!wgmmaOpen_.results.empty() || !wgmmaCommitted_.empty())
      error("the block ends with wgmmas in flight (no wgmma.wait_group 0 after the last commit)");
  }

private:
  // Dimensions of a buffer, evaluated once per run (sizes do not change during a run).
  const std::vector<int64_t> &dims(const Buffer &b) {
    auto it = dims_.find(b.get());
    if (it != dims_.end())
      return it->second;
    std::vector<int64_t> d;
    for (size_t i = 0; i < b->rank(); ++i)
      d.push_back(asConstInt(b->shape[i]) ? *asConstInt(b->shape[i])
                                          : static_cast<int64_t>(eval(b->shape[i], Mask(T_, 1))[0]));
    return dims_[b.get()] = d;
  }

  int64_t numel(const Buffer &b) {
    int64_t n = 1;
    for (int64_t d : dims(b))
      n *= d;
    return n;
  }

  // ---- memory

  int64_t flatIndex(const Buffer &b, const std::vector<Values> &idx, int t) {
    int64_t flat = 0;
    const std::vector<int64_t> &shape = dims(b);
    for (size_t d = 0; d < idx.size(); ++d) {
      int64_t extent = shape[d];
      int64_t i = static_cast<int64_t>(idx[d][t]);
      if (i < 0 || i >= extent)
        error(fmt::format("thread {} indexes {} out of bounds (dimension {}: {} not in [0, {}))", t, b->name, d,
                          i, extent));
      flat = flat * extent + i;
    }
    return flat;
  }

  std::vector<double> &globalData(const Buffer &b) {
    auto it = paramIndex_.find(b.get());
    if (it == paramIndex_.end())
      error("unknown global buffer " + b->name);
    return args_[it->second].data;
  }

  // Global tensors the kernel both writes and reads: a thread reading an element another thread
  // of its block wrote in the same barrier interval, or writing one another thread read there, is
  // a race; so is any such exchange between blocks, which never synchronise. (Blocks run one after
  // another and a block in lockstep, so without this check a missing barrier would pass.)
  // Atomic updates are not tracked: they are ordered by the hardware.
  void checkGlobalRead(const BufferNode *b, int64_t flat, int t) {
    auto it = globalCells_.find(b);
    if (it == globalCells_.end())
      return;
    GlobalCell &c = it->second[flat];
    if (c.writeBlock >= 0 && c.writeBlock != block_)
      error(fmt::format("data race on global {}: block {} reads element {} that block {} wrote (blocks do not "
                        "synchronise)", b->name, block_, flat, c.writeBlock));
    if (c.writeBlock == block_ && c.writeEpoch == epoch_ && c.writer != t)
      error(fmt::format("data race on global {}: thread {} reads element {} that thread {} wrote with no "
                        "__syncthreads() between", b->name, t, flat, c.writer));
    if (c.readBlock != block_ || c.readEpoch != epoch_)
      c.readBlock = block_, c.reader = t, c.readEpoch = epoch_;
    else if (c.reader != t)
      c.reader = -2;
  }

  void checkGlobalWrite(const BufferNode *b, int64_t flat, int t) {
    auto it = globalCells_.find(b);
    if (it == globalCells_.end())
      return;
    GlobalCell &c = it->second[flat];
    if (c.readBlock >= 0 && c.readBlock != block_)
      error(fmt::format("data race on global {}: block {} writes element {} that block {} read (blocks do not "
                        "synchronise)", b->name, block_, flat, c.readBlock));
    if (c.readBlock == block_ && c.readEpoch == epoch_ && c.reader != t)
      error(fmt::format("data race on global {}: thread {} overwrites element {} that {} read with no "
                        "__syncthreads() between", b->name, t, flat,
                        c.reader == -2 ? "other threads" : "thread " + std::to_string(c.reader)));
    c.writeBlock = block_, c.writer = t, c.writeEpoch = epoch_;
  }

  void checkRead(const Buffer &b, int64_t flat, int t) {
    Cell &c = cells_[b.get()][flat];
    if (c.inFlight)
      error(fmt::format("thread {} reads {}[{}] before the cp.async that writes it was waited for", t, b->name, flat));
    if (c.tmaInFlight)
      error(fmt::format("thread {} reads {}[{}] before the TMA that writes it has completed (no wait on its "
                        "mbarrier's phase)",
                        t, b->name, flat));
    if (c.writeEpoch == epoch_ && c.writer != t)
      error(fmt::format("data race on shared {}: thread {} reads element {} that thread {} wrote with no "
                        "__syncthreads() between",
                        b->name, t, flat, c.writer));
    if (c.readEpoch != epoch_)
      c.reader = t, c.readEpoch = epoch_;
    else if (c.reader != t)
      c.reader = -2;
    c.readSeq = ++seq_;
    if (aliased_)
      checkReadBytes(b, flat, t);
  }

  // ---- aliased shared memory: the bytes under an element (only when buffers share bytes)

  std::pair<int64_t, int64_t> byteRange(const Buffer &b, int64_t flat) {
    int64_t n = dtypeBytes(b->dtype);
    return {byteBase_.at(b.get()) + flat * n, n};
  }

  std::string aliasName(const BufferNode *b) { return b ? b->name : std::string("several buffers"); }

  void checkReadBytes(const Buffer &b, int64_t flat, int t) {
    auto [at, n] = byteRange(b, flat);
    for (int64_t x = at; x < at + n; ++x) {
      ByteCell &c = bytes_[x];
      if (c.inFlight && c.inFlight != b.get())
        error(fmt::format("thread {} reads {}[{}], whose shared bytes a cp.async to {} still has in flight "
                          "(aliased tiles)", t, b->name, flat, c.inFlight->name));
      if (c.owner && c.owner != b.get())
        error(fmt::format("thread {} reads {}[{}], whose shared bytes were last written through {} (aliased "
                          "tiles: a stale read)", t, b->name, flat, c.owner->name));
      if (c.readEpoch != epoch_)
        c.reader = b.get(), c.readerT = t, c.readEpoch = epoch_;
      else {
        if (c.readerT != t)
          c.readerT = -2;
        if (c.reader != b.get())
          c.reader = nullptr;
      }
    }
  }

  void checkWriteBytes(const Buffer &b, int64_t flat, int t) {
    auto [at, n] = byteRange(b, flat);
    for (int64_t x = at; x < at + n; ++x) {
      ByteCell &c = bytes_[x];
      if (c.wgmmaReads)
        error(fmt::format("{} {}[{}], whose shared bytes a wgmma still in flight reads through another tile (aliased "
                          "tiles; a wgmma.wait_group must retire it first)",
                          t < 0 ? "TMA into" : "thread " + std::to_string(t) + " writes", b->name, flat));
      if (c.inFlight && c.inFlight != b.get())
        error(fmt::format("thread {} writes {}[{}], whose shared bytes a cp.async to {} still has in flight "
                          "(aliased tiles)", t, b->name, flat, c.inFlight->name));
      if (c.owner && c.owner != b.get() && c.writeEpoch == epoch_ && c.writer != t)
        error(fmt::format("data race on aliased shared memory: thread {} writes {}[{}] over bytes thread {} wrote "
                          "through {} with no __syncthreads() between", t, b->name, flat, c.writer, c.owner->name));
      if (c.readEpoch == epoch_ && c.readerT != t && c.reader != b.get())
        error(fmt::format("data race on aliased shared memory: thread {} writes {}[{}] over bytes {} read through "
                          "{} with no __syncthreads() between", t, b->name, flat,
                          c.readerT == -2 ? "other threads" : "thread " + std::to_string(c.readerT),
                          aliasName(c.reader)));
      c.owner = b.get(), c.writer = t, c.writeEpoch = epoch_;
    }
  }

  // A TMA copy's element lands (at its mbarrier's phase completion): its bytes now hold `dst`'s.
  void landBytes(const BufferNode *dst, int64_t flat) {
    int64_t n = dtypeBytes(dst->dtype), at = byteBase_.at(dst) + flat * n;
    for (int64_t x = at; x < at + n; ++x)
      bytes_[x].inFlight = nullptr, bytes_[x].owner = dst, bytes_[x].writer = -1, bytes_[x].writeEpoch = 0;
  }

  // A write (store, cp.async, TMA) to an element a committed or open wgmma may still be reading.
  void checkNotReadByWgmma(const Cell &c, const std::string &who, const Buffer &b, int64_t flat) {
    if (c.wgmmaReads)
      error(fmt::format("{} {}[{}], which a wgmma still in flight reads (no wgmma.wait_group has retired it)", who,
                        b->name, flat));
  }

  void markInFlight(const Buffer &b, int64_t flat, bool on) {
    auto [at, n] = byteRange(b, flat);
    for (int64_t x = at; x < at + n; ++x)
      bytes_[x].inFlight = on ? b.get() : nullptr;
  }

  void checkWrite(const Buffer &b, int64_t flat, int t) {
    Cell &c = cells_[b.get()][flat];
    checkNotReadByWgmma(c, "thread " + std::to_string(t) + " writes", b, flat);
    if (c.writeEpoch == epoch_ && c.writer != t)
      error(fmt::format("data race on shared {}: threads {} and {} write element {} with no __syncthreads() between",
                        b->name, c.writer, t, flat));
    if (c.readEpoch == epoch_ && c.reader != t)
      error(fmt::format("data race on shared {}: thread {} overwrites element {} that {} read with no "
                        "__syncthreads() between",
                        b->name, t, flat, c.reader == -2 ? "other threads" : "thread " + std::to_string(c.reader)));
    c.writer = t, c.writeEpoch = epoch_;
    c.genericWrite = ++writeSeq_;
    if (aliased_)
      checkWriteBytes(b, flat, t);
  }

  double read(const Buffer &b, int64_t flat, int t) {
    switch (b->scope) {
    case Scope::Global: checkGlobalRead(b.get(), flat, t); return globalData(b)[flat];
    case Scope::Shared: checkRead(b, flat, t); return shared_[b.get()][flat];
    default: {
      checkNoWgmmaResult(b, "reads", flat, t);
      std::vector<double> &r = regs_[b.get()];
      return r[t * (r.size() / T_) + flat];
    }
    }
  }

  // A registers of RS-form wgmmas may be read, not written, until a wait_group retires those.
  void checkNotWgmmaA(const Buffer &b, int64_t flat, int t) {
    if (auto r = registersReadInFlight_.find(b.get()); r != registersReadInFlight_.end() && r->second > 0)
      error(fmt::format("thread {} writes {}[{}] while a wgmma reading it (A from registers) is in flight "
                        "(wgmma.wait_group first)",
                        t, b->name, flat));
  }

  // Accumulator registers belong to the wgmmas writing them until a wait_group retires those.
  void checkNoWgmmaResult(const Buffer &b, const char *access, int64_t flat, int t) {
    if (accInFlight_.empty())
      return;
    auto it = accInFlight_.find(b.get());
    if (it != accInFlight_.end() && it->second > 0)
      error(fmt::format("thread {} {} {}[{}] while a wgmma writing it is in flight (wgmma.wait_group first)", t, access,
                        b->name, flat));
  }

  void write(const Buffer &b, int64_t flat, int t, double v) {
    v = roundToDType(v, b->dtype);
    switch (b->scope) {
    case Scope::Global:
      checkGlobalWrite(b.get(), flat, t);
      globalData(b)[flat] = v;
      break;
    case Scope::Shared:
      checkWrite(b, flat, t);
      shared_[b.get()][flat] = v;
      break;
    default: {
      checkNoWgmmaResult(b, "writes", flat, t);
      checkNotWgmmaA(b, flat, t);
      std::vector<double> &r = regs_[b.get()];
      r[t * (r.size() / T_) + flat] = v;
      break;
    }
    }
  }

  std::vector<Values> evalAll(const std::vector<Expr> &es, const Mask &m) {
    std::vector<Values> out;
    for (const Expr &e : es)
      out.push_back(eval(e, m));
    return out;
  }

  // ---- access reports (bank conflicts, global coalescing)

  // Counts one warp instruction per warp at `site`: thread t accesses `bytesPerLane` bytes at
  // element `flat[t]` of buffer `b` (-1: not taking part) — against the bank model for shared
  // buffers, the sector model for global tensors.
  void noteAccess(const void *site, const std::string &access, const Buffer &b, const std::vector<int64_t> &flat,
                  int bytesPerLane) {
    bool shared = banks_ && b->scope == Scope::Shared, global = global_ && b->scope == Scope::Global;
    if (!shared && !global)
      return;
    int64_t elemBytes = dtypeBytes(b->dtype);
    std::string opName = op_ ? op_->what : std::string();
    for (int w = 0; w < T_; w += 32) {
      std::vector<int64_t> addr(32, -1);
      bool anyLane = false;
      for (int l = 0; l < 32 && w + l < T_; ++l)
        if (flat[w + l] >= 0)
          addr[l] = flat[w + l] * elemBytes, anyLane = true;
      if (!anyLane)
        continue;
      if (shared)
        banks_->add(site, op_, opName, access + " " + b->name, countWavefronts(addr, bytesPerLane));
      else
        global_->add(site, op_, opName, access + " " + b->name, bytesPerLane, countSectors(addr, bytesPerLane));
    }
  }

  // ---- expressions

  Values eval(const Expr &e, const Mask &m) {
    Values out(T_, 0.0);
    switch (e->kind) {
    case ExprKind::IntImm: std::fill(out.begin(), out.end(), double(e->as<IntImm>()->value)); return out;
    case ExprKind::FloatImm:
      std::fill(out.begin(), out.end(), roundToDType(e->as<FloatImm>()->value, e->dtype));
      return out;
    case ExprKind::Var: {
      auto it = vars_.find(e->as<VarNode>());
      if (it == vars_.end())
        error("unbound variable " + e->as<VarNode>()->name);
      return it->second;
    }
    case ExprKind::Load: {
      auto *l = e->as<Load>();
      std::vector<Values> idx = evalAll(l->indices, m);
      std::vector<int64_t> flat(T_, -1);
      for (int t = 0; t < T_; ++t)
        if (m[t])
          flat[t] = flatIndex(l->buffer, idx, t), out[t] = read(l->buffer, flat[t], t);
      noteAccess(l, "load", l->buffer, flat, static_cast<int>(dtypeBytes(l->buffer->dtype)));
      return out;
    }
    case ExprKind::Cast: {
      Values v = eval(e->as<Cast>()->value, m);
      for (int t = 0; t < T_; ++t)
        out[t] = m[t] ? roundToDType(v[t], e->dtype) : 0;
      return out;
    }
    case ExprKind::Select: {
      auto *s = e->as<Select>();
      Values c = eval(s->cond, m);
      Mask yes(T_), no(T_);
      for (int t = 0; t < T_; ++t)
        yes[t] = m[t] && c[t] != 0, no[t] = m[t] && c[t] == 0;
      Values a = eval(s->a, yes), b = eval(s->b, no);
      for (int t = 0; t < T_; ++t)
        out[t] = roundToDType(c[t] != 0 ? a[t] : b[t], e->dtype);
      return out;
    }
    case ExprKind::Unary: {
      auto *u = e->as<Unary>();
      Values a = eval(u->a, m);
      for (int t = 0; t < T_; ++t)
        out[t] = u->op == UnaryOp::Neg ? roundToDType(-a[t], e->dtype) : double(a[t] == 0);
      return out;
    }
    case ExprKind::Binary: return binary(*e->as<Binary>(), m);
    case ExprKind::Call: return call(*e->as<Call>(), m);
    }
    return out;
  }

  Values binary(const Binary &b, const Mask &m) {
    Values x = eval(b.a, m), y = eval(b.b, m), out(T_, 0.0);
    bool integer = isInt(b.dtype);
    for (int t = 0; t < T_; ++t) {
      if (!m[t])
        continue;
      double a = x[t], c = y[t], r = 0;
      switch (b.op) {
      case BinaryOp::Add: r = a + c; break;
      case BinaryOp::Sub: r = a - c; break;
      case BinaryOp::Mul: r = a * c; break;
      case BinaryOp::Div: r = a / c; break;
      case BinaryOp::FloorDiv:
        if (integer && c == 0)
          error("integer division by zero");
        // Floors for integers too: the printer spells tilec_floordiv where C's `/` would truncate.
        r = integer ? double(ir::floorDiv(int64_t(a), int64_t(c))) : std::floor(a / c);
        break;
      case BinaryOp::FloorMod:
        if (integer && c == 0)
          error("integer division by zero");
        r = integer ? double(ir::floorMod(int64_t(a), int64_t(c))) : a - std::floor(a / c) * c;
        break;
      case BinaryOp::Min: r = std::min(a, c); break;
      case BinaryOp::Max: r = std::max(a, c); break;
      case BinaryOp::Pow: r = std::pow(a, c); break;
      case BinaryOp::Lt: r = a < c; break;
      case BinaryOp::Le: r = a <= c; break;
      case BinaryOp::Gt: r = a > c; break;
      case BinaryOp::Ge: r = a >= c; break;
      case BinaryOp::Eq: r = a == c; break;
      case BinaryOp::Ne: r = a != c; break;
      case BinaryOp::And: r = a != 0 && c != 0; break;
      case BinaryOp::Or: r = a != 0 || c != 0; break;
      }
      out[t] = roundToDType(r, b.dtype);
    }
    return out;
  }

  // `lanes`: the hardware warp (32 on NVIDIA; AMD's wavefronts, which MFMA needs whole, are 64).
  void requireFullWarps(const Mask &m, const char *what, int lanes = 32) {
    for (int w = 0; w < T_; w += lanes) {
      int active = 0;
      for (int l = w; l < std::min(T_, w + lanes); ++l)
        active += m[l];
      if (active != 0 && active != std::min(lanes, T_ - w))
        error(fmt::format("{} executed by {} of the {} lanes of warp {} (warp operations need the whole warp)",
                          what, active, lanes, w / lanes));
    }
  }

  Values call(const Call &c, const Mask &m) {
    if (c.name == "shfl_xor") {
      requireFullWarps(m, "__shfl_xor_sync");
      Values v = eval(c.args[0], m), out(T_, 0.0);
      int mask = static_cast<int>(asConstInt(c.args[1]).value_or(0));
      for (int t = 0; t < T_; ++t)
        if (m[t])
          out[t] = v[(t & ~31) | ((t & 31) ^ mask)];
      return out;
    }
    std::vector<Values> a = evalAll(c.args, m);
    Values out(T_, 0.0);
    if (c.name == "ceildiv") { // a lowering's index helper, not a math intrinsic
      for (int t = 0; t < T_; ++t)
        if (m[t])
          out[t] = roundToDType(std::ceil(a[0][t] / a[1][t]), c.dtype);
      return out;
    }
    if (c.name == "bitwise_xor") { // the shared-memory swizzle (SwizzleShared.cpp)
      for (int t = 0; t < T_; ++t)
        if (m[t])
          out[t] = double(int64_t(a[0][t]) ^ int64_t(a[1][t]));
      return out;
    }
    // The reference functions of ir/Intrinsics, the ones the reference interpreter uses.
    const ir::Intrinsic *in = ir::findIntrinsic(c.name);
    if (!in || static_cast<int>(a.size()) != in->arity)
      error("unknown function " + c.name);
    for (int t = 0; t < T_; ++t)
      if (m[t])
        out[t] = roundToDType(in->arity == 1 ? in->unary(a[0][t]) : in->binary(a[0][t], a[1][t]), c.dtype);
    return out;
  }

  // ---- statements

  bool any(const Mask &m) const {
    for (uint8_t x : m)
      if (x)
        return true;
    return false;
  }

  int64_t uniform(const Expr &e, const Mask &m, const char *what) {
    Values v = eval(e, m);
    std::optional<double> first;
    for (int t = 0; t < T_; ++t)
      if (m[t]) {
        if (first && *first != v[t])
          error(std::string("threads disagree on the ") + what + " " + printExpr(e));
        first = v[t];
      }
    return static_cast<int64_t>(first.value_or(0));
  }

  void exec(const SStmt &s, const Mask &m) {
    if (!s || !any(m))
      return;
    ++steps_;
    switch (s->kind) {
    case SKind::Seq:
      for (const SStmt &c : s->as<SSeq>()->stmts)
        exec(c, m);
      break;
    case SKind::For: {
      auto *f = s->as<SFor>();
      int64_t lo = uniform(f->min, m, "loop start"), n = uniform(f->extent, m, "loop extent");
      for (int64_t i = lo; i < lo + n; ++i) {
        vars_[f->var.get()] = Values(T_, double(i));
        exec(f->body, m);
      }
      break;
    }
    case SKind::Let: {
      auto *l = s->as<SLet>();
      vars_[l->var.get()] = eval(l->value, m);
      exec(l->body, m);
      break;
    }
    case SKind::If: {
      auto *i = s->as<SIf>();
      Values c = eval(i->cond, m);
      Mask yes(T_), no(T_);
      for (int t = 0; t < T_; ++t)
        yes[t] = m[t] && c[t] != 0, no[t] = m[t] && c[t] == 0;
      if (i->roles) {
        runRoles({{"the producer", i->thenBody, yes}, {"the consumers", i->elseBody, no}});
        break;
      }
      exec(i->thenBody, yes);
      exec(i->elseBody, no);
      break;
    }
    case SKind::While: { // threads leave the loop one by one as their condition turns false
      auto *w = s->as<SWhile>();
      Mask live = m;
      for (int64_t n = 0;; ++n) {
        Values c = eval(w->cond, live);
        bool anyLive = false;
        for (int t = 0; t < T_; ++t)
          live[t] = live[t] && c[t] != 0, anyLive = anyLive || live[t];
        if (!anyLive)
          break;
        if (n == (int64_t(1) << 24))
          error("a while loop ran 16777216 iterations without its condition turning false");
        exec(w->body, live);
      }
      break;
    }
    case SKind::Store: {
      auto *st = s->as<SStore>();
      std::vector<Values> idx = evalAll(st->indices, m);
      Values v = eval(st->value, m);
      std::vector<int64_t> flat(T_, -1);
      for (int t = 0; t < T_; ++t)
        if (m[t]) {
          flat[t] = flatIndex(st->buffer, idx, t);
          if (st->atomic == ir::AtomicOp::None)
            write(st->buffer, flat[t], t, v[t]);
          else
            atomicUpdate(*st, flat[t], v[t]);
        }
      noteAccess(st, "store", st->buffer, flat, static_cast<int>(dtypeBytes(st->buffer->dtype)));
      break;
    }
    case SKind::Barrier: barrier(*s->as<SBarrier>(), m); break;
    case SKind::VecCopy: vecCopy(*s->as<SVecCopy>(), m); break;
    case SKind::CpAsync: cpAsync(*s->as<SCpAsync>(), m); break;
    case SKind::CpAsyncCommit:
      for (int t = 0; t < T_; ++t)
        if (m[t])
          committed_[t].push_back(std::move(open_[t])), open_[t].clear();
      break;
    case SKind::CpAsyncWait: cpAsyncWait(s->as<SCpAsyncWait>()->pending, m); break;
    case SKind::LdMatrix: ldmatrix(*s->as<SLdMatrix>(), m); break;
    case SKind::Mma: mma(*s->as<SMma>(), m); break;
    case SKind::Mfma: mfma(*s->as<SMfma>(), m); break;
    case SKind::Wgmma: wgmma(*s->as<SWgmma>(), m); break;
    case SKind::WgmmaSync: wgmmaSync(*s->as<SWgmmaSync>(), m); break;
    case SKind::Tma: tma(*s->as<STma>(), m); break;
    case SKind::Mbarrier: mbarrier(*s->as<SMbarrier>(), m); break;
    case SKind::Op: {
      const SOp *outer = op_;
      op_ = s->as<SOp>();
      exec(op_->body, m);
      op_ = outer;
      break;
    }
    }
  }

  // __syncthreads() must be reached by the whole block, a named barrier by exactly its `threads`
  // threads (whole warps). Either orders the accesses before it, for its threads, before those
  // after it; a thread that passes one has seen every read made so far (acquired_), so its TMA
  // may refill what they read. (A named barrier thus also covers reads of threads not at it:
  // they are the producer's, which reads no shared memory through the generic proxy.)
  void barrier(const SBarrier &b, const Mask &m) {
    int n = 0;
    for (int t = 0; t < T_; ++t) {
      if (b.id == 0 && !m[t])
        error(fmt::format("__syncthreads() reached by only part of the block (thread {} is not there)", t));
      n += m[t];
    }
    if (b.id != 0 && (n != b.threads || b.threads % 32))
      error(fmt::format("named barrier {} of {} threads reached by {}", b.id, b.threads, n));
    for (int t = 0; t < T_; ++t)
      if (m[t])
        acquired_[t] = seq_;
    ++epoch_;
  }

  // ---- warp-specialized roles (WarpSpecialize.cpp): each on a thread of its own, one running at a
  // time (a baton: the role whose turn it is, or the scheduler's), switched at blocking waits.
  // Threads rather than fibers: AddressSanitizer follows them, and an error may unwind a role's
  // stack as any other.

  struct Role {
    const char *name;
    SStmt body;
    Mask mask;
  };
  struct Cancelled {}; // thrown in a role the scheduler stops (another role failed, a deadlock)
  struct RoleRun {
    const Role *role;
    size_t index; // its turn
    std::thread thread;
    std::exception_ptr failure;
    bool done = false, cancel = false;
    std::string blockedOn;                            // why it last gave way
    std::unordered_map<const VarNode *, Values> vars; // its variables while another role runs
    const SOp *op = nullptr;                          // and the op it is in
  };
  static constexpr size_t kScheduler = SIZE_MAX;

  // Hands the baton to `to` and waits until it is `me`'s again.
  void passBaton(size_t to, size_t me) {
    std::unique_lock<std::mutex> hold(batonLock_);
    turn_ = to;
    batonMoved_.notify_all();
    batonMoved_.wait(hold, [&] { return turn_ == me; });
  }

  // Runs the roles at the same time: each until it blocks on an mbarrier phase not yet complete,
  // then the next. A round in which no role gets past its wait is a deadlock.
  void runRoles(const std::vector<Role> &roles) {
    if (running_)
      error("warp-specialized roles inside a role");
    std::vector<RoleRun> runs(roles.size());
    turn_ = kScheduler;
    for (size_t r = 0; r < roles.size(); ++r) {
      RoleRun &run = runs[r];
      run.role = &roles[r], run.index = r, run.vars = vars_;
      run.thread = std::thread([this, &run] {
        {
          std::unique_lock<std::mutex> hold(batonLock_);
          batonMoved_.wait(hold, [&] { return turn_ == run.index; });
        }
        try {
          if (!run.cancel)
            exec(run.role->body, run.role->mask);
        } catch (const Cancelled &) {
        } catch (const std::exception &) {
          run.failure = std::current_exception();
        }
        std::lock_guard<std::mutex> hold(batonLock_);
        run.done = true, turn_ = kScheduler;
        batonMoved_.notify_all();
      });
    }
    try {
      scheduleRoles(runs);
    } catch (...) {
      stopRoles(runs);
      throw;
    }
    stopRoles(runs);
  }

  // Stops the roles still waiting for a turn (they unwind) and joins every thread.
  void stopRoles(std::vector<RoleRun> &runs) {
    for (RoleRun &run : runs) {
      if (!run.done) {
        run.cancel = true;
        passBaton(run.index, kScheduler);
      }
      run.thread.join();
    }
  }

  // Each role in turn, its variables and op swapped in, until all are done; a failure in one is
  // rethrown here.
  void scheduleRoles(std::vector<RoleRun> &runs) {
    for (size_t unfinished = runs.size(); unfinished > 0;) {
      uint64_t before = steps_;
      for (size_t r = 0; r < runs.size(); ++r) {
        RoleRun &run = runs[r];
        if (run.done)
          continue;
        std::swap(vars_, run.vars), std::swap(op_, run.op);
        running_ = &run;
        passBaton(r, kScheduler);
        running_ = nullptr;
        std::swap(vars_, run.vars), std::swap(op_, run.op);
        if (run.failure)
          std::rethrow_exception(run.failure);
        unfinished -= run.done;
      }
      if (unfinished > 0 && steps_ == before) {
        std::string why;
        for (const RoleRun &run : runs)
          if (!run.done)
            why += fmt::format("\n  {} (threads {}..): {}", run.role->name, firstThread(run.role->mask), run.blockedOn);
        error("deadlock: every role of the warp-specialized kernel waits for another:" + why);
      }
    }
  }

  int firstThread(const Mask &m) const {
    for (int t = 0; t < T_; ++t)
      if (m[t])
        return t;
    return -1;
  }

  // Outside roles a wait that cannot complete is an error at once (`why`); inside one, the role
  // gives way to the others until the wait is retried.
  void blockOrFail(const std::string &why) {
    if (!running_)
      error(why);
    RoleRun &me = *running_;
    me.blockedOn = why;
    passBaton(kScheduler, me.index);
    if (me.cancel)
      throw Cancelled{};
  }

  // One thread's atomic read-modify-write, applied whole before the next thread's: however many
  // threads (this block's, in lane order, or other blocks', which run before or after) update
  // one element, every update counts. Not a race on shared memory: atomics are ordered by the
  // hardware, so the race check's cells are left alone.
  void atomicUpdate(const SStore &st, int64_t flat, double value) {
    double *element = nullptr;
    switch (st.buffer->scope) {
    case Scope::Global: element = &globalData(st.buffer)[flat]; break;
    case Scope::Shared: element = &shared_[st.buffer.get()][flat]; break;
    default: error(fmt::format("{} on the register buffer {}", ir::atomicOpName(st.atomic), st.buffer->name));
    }
    *element = ir::applyAtomic(st.atomic, *element, value, st.buffer->dtype);
  }

  void vecCopy(const SVecCopy &c, const Mask &m) {
    std::vector<Values> di = evalAll(c.dstIdx, m), si = evalAll(c.srcIdx, m);
    std::vector<int64_t> dFlat(T_, -1), sFlat(T_, -1);
    for (int t = 0; t < T_; ++t)
      if (m[t])
        dFlat[t] = flatIndex(c.dst, di, t), sFlat[t] = flatIndex(c.src, si, t);
    int bytes = c.lanes * static_cast<int>(dtypeBytes(c.dst->dtype));
    noteAccess(&c.src, "vector load", c.src, sFlat, bytes);
    noteAccess(&c.dst, "vector store", c.dst, dFlat, bytes);
    for (int t = 0; t < T_; ++t) {
      if (!m[t])
        continue;
      int64_t d = dFlat[t], s = sFlat[t];
      if (d % c.lanes || s % c.lanes)
        error(fmt::format("thread {}: vector access of {} / {} is not {}-element aligned", t, c.dst->name,
                          c.src->name, c.lanes));
      for (int l = 0; l < c.lanes; ++l)
        write(c.dst, d + l, t, read(c.src, s + l, t));
    }
  }

  void cpAsync(const SCpAsync &c, const Mask &m) {
    std::vector<Values> di = evalAll(c.dstIdx, m);
    Values ok = c.inBounds ? eval(c.inBounds, m) : Values(T_, 1.0);
    Mask readMask(T_);
    for (int t = 0; t < T_; ++t)
      readMask[t] = m[t] && ok[t] != 0;
    std::vector<Values> si = evalAll(c.srcIdx, readMask);
    std::vector<int64_t> dFlat(T_, -1);
    for (int t = 0; t < T_; ++t)
      if (m[t])
        dFlat[t] = flatIndex(c.dst, di, t);
    int bytes = c.lanes * static_cast<int>(dtypeBytes(c.dst->dtype));
    noteAccess(&c, "cp.async", c.dst, dFlat, bytes);
    if (global_) { // the global side: lanes outside the tensor read nothing (zero-filled)
      std::vector<int64_t> sFlat(T_, -1);
      for (int t = 0; t < T_; ++t)
        if (readMask[t])
          sFlat[t] = flatIndex(c.src, si, t);
      noteAccess(&c.src, "cp.async", c.src, sFlat, bytes);
    }
    for (int t = 0; t < T_; ++t) {
      if (!m[t])
        continue;
      int64_t d = dFlat[t];
      if (d % c.lanes)
        error(fmt::format("thread {}: cp.async destination {}[{}] is not 16-byte aligned", t, c.dst->name, d));
      PendingCopy p{c.dst.get(), d, std::vector<double>(c.lanes, 0.0)};
      if (ok[t] != 0) {
        int64_t s = flatIndex(c.src, si, t);
        for (int l = 0; l < c.lanes; ++l) {
          checkGlobalRead(c.src.get(), s + l, t);
          p.values[l] = globalData(c.src)[s + l];
        }
      }
      for (int l = 0; l < c.lanes; ++l) {
        checkNotReadByWgmma(cells_[c.dst.get()][d + l], "cp.async into", c.dst, d + l);
        cells_[c.dst.get()][d + l].inFlight = true;
        if (aliased_)
          markInFlight(c.dst, d + l, true);
      }
      open_[t].push_back(std::move(p));
    }
  }

  void cpAsyncWait(int pending, const Mask &m) {
    for (int t = 0; t < T_; ++t) {
      if (!m[t])
        continue;
      auto &groups = committed_[t];
      while (static_cast<int>(groups.size()) > pending) {
        for (const PendingCopy &p : groups.front()) {
          const Buffer &b = sharedByNode(p.dst);
          for (size_t l = 0; l < p.values.size(); ++l) {
            cells_[p.dst][p.offset + l].inFlight = false;
            if (aliased_)
              markInFlight(b, p.offset + static_cast<int64_t>(l), false);
            write(b, p.offset + static_cast<int64_t>(l), t, p.values[l]);
          }
        }
        groups.erase(groups.begin());
      }
    }
  }

  const Buffer &sharedByNode(const BufferNode *n) {
    for (const Buffer &b : k_.shared)
      if (b.get() == n)
        return b;
    error("unknown shared buffer");
  }

  // ldmatrix: lane 8*mat + r gives the address of row r of matrix mat (8 contiguous elements).
  void ldmatrix(const SLdMatrix &op, const Mask &m) {
    requireFullWarps(m, "ldmatrix");
    std::vector<Values> idx = evalAll(op.srcIdx, m);
    Values off = eval(op.dstOffset, m);
    int64_t regSize = numel(op.dst);
    if (banks_) { // lanes 8 * num .. 31 give no address
      std::vector<int64_t> flat(T_, -1);
      for (int w = 0; w + 32 <= T_; w += 32)
        for (int l = 0; l < 8 * op.num && m[w]; ++l)
          flat[w + l] = flatIndex(op.src, idx, w + l);
      noteAccess(&op, fmt::format("ldmatrix.x{}{}", op.num, op.trans ? ".trans" : ""), op.src, flat, 16);
    }
    for (int w = 0; w + 32 <= T_; w += 32) {
      if (!m[w])
        continue;
      for (int mat = 0; mat < op.num; ++mat) {
        double tile[8][8];
        for (int r = 0; r < 8; ++r) {
          int lane = w + mat * 8 + r;
          int64_t flat = flatIndex(op.src, idx, lane);
          if (flat % 8)
            error(fmt::format("ldmatrix row address of lane {} ({}[{}]) is not 16-byte aligned", lane - w,
                              op.src->name, flat));
          for (int c = 0; c < 8; ++c)
            tile[r][c] = read(op.src, flat + c, lane);
        }
        for (int l = 0; l < 32; ++l)
          for (int e = 0; e < 2; ++e) {
            int row = l / 4, col = (l % 4) * 2 + e;
            double v = op.trans ? tile[col][row] : tile[row][col];
            int64_t reg = static_cast<int64_t>(off[w + l]) + mat * 2 + e;
            if (reg < 0 || reg >= regSize)
              error("ldmatrix writes past the fragment " + op.dst->name);
            regs_[op.dst.get()][(w + l) * regSize + reg] = v;
          }
      }
    }
  }

  // mma.sync m16n8k16 with the PTX ISA fragment layouts (g = lane / 4, q = lane % 4):
  //   A: a[2j + e] = A[g + 8 (j % 2)][2q + e + 8 (j / 2)]   B: b[2j + e] = B[2q + e + 8j][g]
  //   C: c[2j + e] = C[g + 8j][2q + e]
  void mma(const SMma &op, const Mask &m) {
    requireFullWarps(m, "mma.sync");
    Values ao = eval(op.aOffset, m), bo = eval(op.bOffset, m), co = eval(op.cOffset, m);
    int64_t na = numel(op.a), nb = numel(op.b), nc = numel(op.c);
    for (int w = 0; w + 32 <= T_; w += 32) {
      if (!m[w])
        continue;
      double A[16][16], B[16][8], C[16][8];
      for (int l = 0; l < 32; ++l) {
        int g = l / 4, q = l % 4, t = w + l;
        const double *a = &regs_[op.a.get()][t * na + static_cast<int64_t>(ao[t])];
        const double *b = &regs_[op.b.get()][t * nb + static_cast<int64_t>(bo[t])];
        const double *c = &regs_[op.c.get()][t * nc + static_cast<int64_t>(co[t])];
        for (int j = 0; j < 4; ++j)
          for (int e = 0; e < 2; ++e)
            A[g + 8 * (j % 2)][2 * q + e + 8 * (j / 2)] = a[2 * j + e];
        for (int j = 0; j < 2; ++j)
          for (int e = 0; e < 2; ++e) {
            B[2 * q + e + 8 * j][g] = b[2 * j + e];
            C[g + 8 * j][2 * q + e] = c[2 * j + e];
          }
      }
      for (int l = 0; l < 32; ++l) {
        int g = l / 4, q = l % 4, t = w + l;
        double *d = &regs_[op.c.get()][t * nc + static_cast<int64_t>(co[t])];
        for (int j = 0; j < 2; ++j)
          for (int e = 0; e < 2; ++e) {
            int row = g + 8 * j, col = 2 * q + e;
            double sum = C[row][col];
            for (int k = 0; k < 16; ++k)
              sum += A[row][k] * B[k][col];
            d[2 * j + e] = roundToDType(sum, DType::Float32);
          }
      }
    }
  }

  // v_mfma_f32_16x16x16 on one 64-lane wavefront, with AMD's operand layouts (v = 0..3):
  //   A: a[v] = A[l % 16][4 (l / 16) + v]   B: b[v] = B[4 (l / 16) + v][l % 16]
  //   C: c[v] = C[4 (l / 16) + v][l % 16]
  // A lane that does not exist (a block of fewer than 64 threads) is an error, as on the device.
  void mfma(const SMfma &op, const Mask &m) {
    if (T_ % 64 != 0)
      error(fmt::format("mfma in a block of {} threads (whole 64-lane wavefronts needed)", T_));
    requireFullWarps(m, "mfma", 64);
    Values ao = eval(op.aOffset, m), bo = eval(op.bOffset, m), co = eval(op.cOffset, m);
    int64_t na = numel(op.a), nb = numel(op.b), nc = numel(op.c);
    auto regs = [&](const Buffer &b, int64_t n, int t, double off) {
      if (off < 0 || off + 4 > n)
        error(fmt::format("mfma operand {}[{}..{}] is outside the fragment", b->name, off, off + 3));
      return &regs_[b.get()][t * n + static_cast<int64_t>(off)];
    };
    for (int w = 0; w < T_; w += 64) {
      if (!m[w])
        continue;
      double A[16][16], B[16][16], C[16][16];
      for (int l = 0; l < 64; ++l) {
        int t = w + l, lo = l % 16, hi = 4 * (l / 16);
        const double *a = regs(op.a, na, t, ao[t]), *b = regs(op.b, nb, t, bo[t]), *c = regs(op.c, nc, t, co[t]);
        for (int v = 0; v < 4; ++v) {
          A[lo][hi + v] = a[v];
          B[hi + v][lo] = b[v];
          C[hi + v][lo] = c[v];
        }
      }
      for (int l = 0; l < 64; ++l) {
        int t = w + l, col = l % 16;
        double *d = regs(op.c, nc, t, co[t]);
        for (int v = 0; v < 4; ++v) {
          int row = 4 * (l / 16) + v;
          double sum = C[row][col];
          for (int k = 0; k < 16; ++k)
            sum += A[row][k] * B[k][col];
          d[v] = roundToDType(sum, DType::Float32);
        }
      }
    }
  }

  // ---- wgmma (sm_90a)

  // The shared buffer and element at shared-memory byte address `addr` (each buffer at its
  // Kernel::sharedOffsets() place, as the printer lays them out).
  // Aliased tiles share addresses: `named` (the buffer the instruction names) is asked first.
  std::pair<const Buffer *, int64_t> sharedElement(int64_t addr, const char *what, const Buffer &named) {
    std::vector<std::pair<int64_t, const Buffer *>> order{{byteBase_.at(named.get()), &named}};
    for (const auto &[base, b] : sharedBase_)
      order.push_back({base, &b});
    for (const auto &[base, bp] : order) {
      const Buffer &b = *bp;
      int64_t bytes = numel(b) * dtypeBytes(b->dtype);
      if (addr >= base && addr < base + bytes) {
        if ((addr - base) % dtypeBytes(b->dtype))
          error(fmt::format("{} address {} is not on an element of {}", what, addr, b->name));
        return {&b, (addr - base) / dtypeBytes(b->dtype)};
      }
    }
    error(fmt::format("{} address {} is outside every shared buffer", what, addr));
  }

  // Element (mn, k) of a wgmma operand (mn: A's row m or B's column n) read through `desc`, as
  // the PTX ISA's canonical layouts say (16-byte units T; W = 8, 4, 2 of them for the 128, 64,
  // 32-byte swizzles): K-major ((8, m), 2) : ((W, SBO), 1), MN-major ((W, m), (8, k)) : ((1, LBO),
  // (W, SBO)), then the swizzle XORs address bits 4.. with bits 7.. . No swizzle (mode 0): K-major
  // ((8, m), 2) : ((1, SBO), LBO), MN-major ((1, m), (8, k)) : ((X, SBO), (1, LBO)).
  static int64_t operandAddress(uint64_t desc, bool mnMajor, int64_t mn, int64_t k) {
    int64_t start = int64_t(desc & 0x3FFF) << 4, lbo = int64_t((desc >> 16) & 0x3FFF) << 4,
            sbo = int64_t((desc >> 32) & 0x3FFF) << 4;
    int mode = int(desc >> 62);
    int64_t w = mode == 1 ? 128 : mode == 2 ? 64 : mode == 3 ? 32 : 16; // swizzle segment bytes
    int64_t addr;
    if (mode == 0)
      addr = mnMajor ? start + (mn % 8) * 2 + (mn / 8) * sbo + (k % 8) * 16 + (k / 8) * lbo
                     : start + (mn % 8) * 16 + (mn / 8) * sbo + (k % 8) * 2 + (k / 8) * lbo;
    else if (mnMajor)
      addr = start + (mn % (w / 2)) * 2 + (mn / (w / 2)) * lbo + (k % 8) * w + (k / 8) * sbo;
    else
      addr = start + (mn % 8) * w + (mn / 8) * sbo + k * 2;
    int64_t bits = mode == 1 ? 7 : mode == 2 ? 3 : mode == 3 ? 1 : 0;
    return addr ^ (((addr >> 7) & bits) << 4);
  }

  // A warpgroup-uniform descriptor: what `wgmma_desc(smem_addr(&buf[idx]), ...)` gives every thread.
  uint64_t descriptor(const Buffer &b, const std::vector<Expr> &idx, const WgmmaOperandLayout &l, int group,
                      const Mask &m) {
    std::vector<Values> iv = evalAll(idx, m);
    std::optional<uint64_t> out;
    for (int t = group; t < group + 128; ++t) {
      int64_t base = -1;
      for (const auto &[at, sb] : sharedBase_)
        if (sb.get() == b.get())
          base = at;
      if (base < 0)
        error("wgmma operand " + b->name + " is not a shared buffer");
      uint64_t d = encodeWgmmaDescriptor(uint32_t(base + flatIndex(b, iv, t) * dtypeBytes(b->dtype)), l);
      if (out && *out != d)
        error(fmt::format("the threads of warpgroup {} give wgmma different descriptors for {}", group / 128, b->name));
      out = d;
    }
    return *out;
  }

  // wgmma.mma_async m64nNk16 per warpgroup: A (64 x 16) and B (16 x N) read now from shared memory
  // through the descriptors (the thread that last wrote an element through the generic proxy must
  // have run fence.proxy.async since); D = A B + C lands in the accumulators at wgmma.wait_group. Thread t of a group
  // (warp w = t / 32 % 4, lane l) holds in register i element (16 w + l / 4 + 8 (i / 2 % 2),
  // 8 (i / 4) + 2 (l % 4) + i % 2).
  void wgmma(const SWgmma &op, const Mask &m) {
    if (T_ % 128 != 0)
      error(fmt::format("wgmma in a block of {} threads (whole 128-thread warpgroups needed)", T_));
    requireFullWarps(m, "wgmma", 128);
    Values co = eval(op.cOffset, m);
    int64_t nc = numel(op.c);
    for (int g = 0; g < T_; g += 128) {
      if (!m[g])
        continue;
      uint64_t db = descriptor(op.b, op.bIdx, op.bLayout, g, m);
      auto fetch = [&](uint64_t desc, bool mnMajor, int64_t mn, int64_t k, const Buffer &named) {
        auto [buf, flat] = sharedElement(operandAddress(desc, mnMajor, mn, k), "wgmma operand", named);
        Cell &c = cells_[buf->get()][flat];
        if (c.writer >= 0 && c.genericWrite > proxyFenced_[c.writer])
          error(fmt::format("wgmma reads {}[{}], which thread {} wrote through the generic proxy and did not "
                            "fence (fence.proxy.async) before",
                            (*buf)->name, flat, c.writer));
        double v = read(*buf, flat, g);
        ++c.wgmmaReads;
        if (aliased_)
          countWgmmaRead(*buf, flat, 1);
        wgmmaOpen_.reads.push_back({buf->get(), flat});
        return v;
      };
      std::vector<double> A(64 * 16), B(16 * op.n);
      if (op.registerA()) {
        registerA(op, g, m, A);
      } else {
        uint64_t da = descriptor(op.a, op.aIdx, op.aLayout, g, m);
        for (int r = 0; r < 64; ++r)
          for (int k = 0; k < 16; ++k)
            A[r * 16 + k] = fetch(da, op.aLayout.mnMajor, r, k, op.a);
      }
      for (int k = 0; k < 16; ++k)
        for (int c = 0; c < op.n; ++c)
          B[k * op.n + c] = fetch(db, op.bLayout.mnMajor, c, k, op.b);
      for (int t = g; t < g + 128; ++t) {
        int w = (t - g) / 32, l = t % 32;
        int64_t off = static_cast<int64_t>(co[t]);
        if (off < 0 || off + op.n / 2 > nc)
          error(fmt::format("wgmma accumulators {}[{}..] are outside the fragment", op.c->name, off));
        PendingWgmma p{op.c.get(), t, off, std::vector<double>(op.n / 2)};
        for (int i = 0; i < op.n / 2; ++i) {
          int row = 16 * w + l / 4 + 8 * (i / 2 % 2), col = 8 * (i / 4) + 2 * (l % 4) + i % 2;
          double sum = accumulator(op.c.get(), t, off + i, nc);
          for (int k = 0; k < 16; ++k)
            sum += A[row * 16 + k] * B[k * op.n + col];
          p.values[i] = roundToDType(sum, DType::Float32);
        }
        ++accInFlight_[op.c.get()];
        wgmmaOpen_.results.push_back(std::move(p));
      }
    }
  }

  // The RS form: warpgroup g's A tile from its threads' registers a[aIdx ..], 8 each in the D
  // pattern of a 64 x 16 tile (thread t, warp w, lane l: element i at row 16 w + l / 4 + 8 (i / 2 % 2),
  // column 8 (i / 4) + 2 (l % 4) + i % 2). Until a wait retires the group, writing them is an error.
  void registerA(const SWgmma &op, int g, const Mask &m, std::vector<double> &A) {
    Values off = eval(op.aIdx.at(0), m);
    int64_t na = numel(op.a);
    for (int t = g; t < g + 128; ++t) {
      int w = (t - g) / 32, l = t % 32;
      if (off[t] < 0 || off[t] + 8 > na)
        error(fmt::format("wgmma A registers {}[{}..] are outside the fragment", op.a->name, int64_t(off[t])));
      for (int i = 0; i < 8; ++i)
        A[(16 * w + l / 4 + 8 * (i / 2 % 2)) * 16 + 8 * (i / 4) + 2 * (l % 4) + i % 2] =
            read(op.a, int64_t(off[t]) + i, t);
    }
    ++registersReadInFlight_[op.a.get()];
    wgmmaOpen_.registerReads.push_back(op.a.get());
  }

  // An accumulator register as the next wgmma of the same chain sees it: the value a wgmma still
  // in flight will leave there, else the register.
  double accumulator(const BufferNode *acc, int t, int64_t reg, int64_t n) {
    auto latest = [&](const WgmmaGroup &g) -> const PendingWgmma * {
      for (auto it = g.results.rbegin(); it != g.results.rend(); ++it)
        if (it->acc == acc && it->thread == t && reg >= it->offset && reg < it->offset + int64_t(it->values.size()))
          return &*it;
      return nullptr;
    };
    if (const PendingWgmma *p = latest(wgmmaOpen_))
      return p->values[reg - p->offset];
    for (auto g = wgmmaCommitted_.rbegin(); g != wgmmaCommitted_.rend(); ++g)
      if (const PendingWgmma *p = latest(*g))
        return p->values[reg - p->offset];
    return regs_[acc][t * n + reg];
  }

  void wgmmaSync(const SWgmmaSync &op, const Mask &m) {
    switch (op.what) {
    case SWgmmaSync::What::ProxyFence: // each thread's generic writes so far become visible to the async proxy
      for (int t = 0; t < T_; ++t)
        if (m[t])
          proxyFenced_[t] = writeSeq_;
      return;
    case SWgmmaSync::What::Fence: return;
    case SWgmmaSync::What::Commit:
      wgmmaCommitted_.push_back(std::move(wgmmaOpen_));
      wgmmaOpen_ = {};
      return;
    case SWgmmaSync::What::Wait:
      while (static_cast<int>(wgmmaCommitted_.size()) > op.pending) {
        retire(wgmmaCommitted_.front());
        wgmmaCommitted_.pop_front();
      }
      return;
    }
  }

  // A wgmma group completes: its results land in the accumulators, and the shared elements it
  // read count as read by the warpgroup now (so a refill by another thread needs a
  // __syncthreads() after the wait, as after any read).
  void retire(const WgmmaGroup &g) {
    for (const PendingWgmma &p : g.results) {
      int64_t n = numel(sharedOrRegister(p.acc));
      for (size_t i = 0; i < p.values.size(); ++i)
        regs_[p.acc][p.thread * n + p.offset + int64_t(i)] = p.values[i];
      --accInFlight_[p.acc];
    }
    for (const auto &[buf, flat] : g.reads) {
      Cell &c = cells_[buf][flat];
      --c.wgmmaReads;
      c.reader = -2, c.readEpoch = epoch_, c.readSeq = ++seq_;
      if (aliased_)
        countWgmmaRead(sharedByNode(buf), flat, -1);
    }
    for (const BufferNode *a : g.registerReads)
      --registersReadInFlight_[a];
  }

  void countWgmmaRead(const Buffer &b, int64_t flat, int delta) {
    auto [at, n] = byteRange(b, flat);
    for (int64_t x = at; x < at + n; ++x) {
      ByteCell &c = bytes_[x];
      c.wgmmaReads += delta;
      if (delta > 0)
        continue;
      if (c.readEpoch != epoch_)
        c.reader = b.get();
      else if (c.reader != b.get())
        c.reader = nullptr;
      c.readerT = -2, c.readEpoch = epoch_;
    }
  }

  // ---- TMA and mbarriers (sm_90)

  Mbarrier &barrierAt(const Buffer &b, const Expr &idx, const Mask &m, const char *what) {
    if (b->scope != Scope::Shared || dtypeBytes(b->dtype) != 8)
      error(fmt::format("{} on {}, which is not a 64-bit shared word", what, b->name));
    std::vector<Values> iv = evalAll({idx}, m);
    std::optional<int64_t> flat;
    for (int t = 0; t < T_; ++t)
      if (m[t]) {
        int64_t f = flatIndex(b, iv, t);
        if (flat && *flat != f)
          error(fmt::format("threads name different mbarriers in one {}", what));
        flat = f;
      }
    return mbarriers_[{b.get(), *flat}];
  }

  // The phase in progress completes: its TMA data lands (written by the async proxy: no thread
  // is its writer, and wgmma needs no proxy fence for it).
  void completePhase(Mbarrier &bar) {
    for (const PendingCopy &p : bar.inFlight) {
      Cell &c = cells_[p.dst][p.offset];
      c.tmaInFlight = false;
      c.writer = -1, c.writeEpoch = 0, c.genericWrite = 0;
      shared_[p.dst][p.offset] = p.values[0];
      if (aliased_)
        landBytes(p.dst, p.offset);
    }
    bar.inFlight.clear();
    bar.inFlightBytes = 0, bar.expectTx = 0, bar.pending = bar.count;
    bar.completedFirstArrival = bar.firstArrival, bar.firstArrival = UINT64_MAX;
    ++bar.phase;
  }

  void mbarrier(const SMbarrier &op, const Mask &m) {
    using W = SMbarrier::What;
    if (op.what == W::InitFence)
      return;
    const char *names[] = {"mbarrier.init", "fence.mbarrier_init", "mbarrier.arrive.expect_tx", "mbarrier.try_wait",
                           "mbarrier.inval", "mbarrier.arrive"};
    const char *what = names[static_cast<int>(op.what)];
    Mbarrier &bar = barrierAt(op.bar, op.idx, m, what);
    std::string at = fmt::format("{}[{}]", op.bar->name, printExpr(op.idx));
    if (op.what == W::Init) {
      if (!bar.inFlight.empty())
        error("mbarrier.init of " + at + " while TMA copies on it are in flight");
      bar = Mbarrier{};
      bar.initialised = true, bar.count = bar.pending = op.bytes ? static_cast<int>(op.bytes) : 1;
      return;
    }
    if (!bar.initialised)
      error(fmt::format("{} on {}, which was not initialised (mbarrier.init)", what, at));
    switch (op.what) {
    case W::ArriveExpectTx:
    case W::Arrive:
      for (int t = 0; t < T_; ++t) {
        if (!m[t])
          continue;
        if (bar.pending == 0)
          error(fmt::format("thread {} arrives on {} whose phase {} already has all its arrivals and has not "
                            "completed (no thread waited for it)",
                            t, at, bar.phase));
        --bar.pending;
        bar.expectTx += op.what == W::ArriveExpectTx ? op.bytes : 0;
        bar.firstArrival = std::min(bar.firstArrival, ++seq_);
      }
      return;
    case W::Wait: return waitPhase(op, bar, at, m);
    case W::Inval:
      if (bar.active())
        error("mbarrier.inval of " + at + " during a phase in progress");
      bar.initialised = false;
      return;
    default: return;
    }
  }

  // mbarrier.try_wait.parity until the phase of that parity has completed: the one before the
  // phase in progress (returns at once), or the one in progress once its arrivals and TMA bytes
  // are all in (it completes now: its data lands). The waiting threads have then seen what every
  // arriver accessed before arriving (acquired_).
  void waitPhase(const SMbarrier &op, Mbarrier &bar, const std::string &at, const Mask &m) {
    int64_t parity = uniform(op.parity, m, "mbarrier parity");
    if (parity != 0 && parity != 1)
      error(fmt::format("mbarrier.try_wait.parity on {} with parity {}", at, parity));
    if (bar.phase % 2 != parity) { // that parity's phase is the one before: the wait returns at once
      if (bar.active() || bar.phase == 0)
        error(fmt::format("mbarrier.try_wait.parity {} on {} returns at once (its phase {} in progress has "
                          "parity {}{}): the wrong parity, the stage's data has not landed",
                          parity, at, bar.phase, bar.phase % 2,
                          bar.inFlightBytes ? fmt::format(", {} TMA bytes in flight", bar.inFlightBytes) : ""));
      return acquire(bar, m);
    }
    for (;;) {
      if (bar.inFlightBytes > bar.expectTx && bar.pending == 0)
        error(fmt::format("TMA copies complete {} bytes on {} but its phase {} expects {} (expect_tx missing or "
                          "short: the phase would complete before the data lands)",
                          bar.inFlightBytes, at, bar.phase, bar.expectTx));
      if (bar.pending > 0)
        blockOrFail(fmt::format("mbarrier.try_wait.parity {} on {} never returns: its phase {} still waits for {} "
                                "arrival(s) (a missing mbarrier.arrive{})",
                                parity, at, bar.phase, bar.pending, bar.count == 1 ? ".expect_tx" : ""));
      else if (bar.inFlightBytes < bar.expectTx)
        blockOrFail(fmt::format("mbarrier.try_wait.parity {} on {} never returns: its phase {} expects {} bytes and "
                                "TMA copies complete only {}",
                                parity, at, bar.phase, bar.expectTx, bar.inFlightBytes));
      else
        break;
      if (bar.phase % 2 != parity) // another role's wait completed it meanwhile
        return acquire(bar, m);
    }
    completePhase(bar);
    acquire(bar, m);
  }

  void acquire(const Mbarrier &bar, const Mask &m) {
    if (bar.completedFirstArrival == 0 || bar.completedFirstArrival == UINT64_MAX)
      return; // no phase completed yet, or one without arrivals
    for (int t = 0; t < T_; ++t)
      if (m[t])
        acquired_[t] = std::max(acquired_[t], bar.completedFirstArrival - 1);
  }

  // cp.async.bulk.tensor: the box of the source tensor at the coordinates (zero outside it), laid
  // out densely innermost first from the destination address, each byte address a then swizzled
  // as the hardware does (bits 4.. XOR bits 7..: 1, 2, 3 of them for the 32, 64, 128-byte modes),
  // lands when the mbarrier's phase completes. Overwriting an element that a thread read since
  // the last __syncthreads() (a stage still being read) is an error.
  void tma(const STma &op, const Mask &m) {
    if (op.map < 0 || op.map >= static_cast<int>(k_.tensorMaps.size()))
      error("TMA with an unknown tensor map");
    const TensorMap &map = k_.tensorMaps[op.map];
    if (map.tensor.get() != op.src.get() || map.box.size() != op.src->rank() || op.coords.size() != op.src->rank())
      error("TMA whose tensor map does not describe " + op.src->name);
    Mbarrier &bar = barrierAt(op.bar, op.barIdx, m, "cp.async.bulk.tensor");
    if (!bar.initialised)
      error(fmt::format("TMA completes on {}[{}], which was not initialised", op.bar->name, printExpr(op.barIdx)));
    std::vector<Values> ci = evalAll(op.coords, m), di = evalAll(op.dstIdx, m);
    const std::vector<int64_t> &shape = dims(op.src);
    int64_t esz = dtypeBytes(op.src->dtype), rank = static_cast<int64_t>(shape.size());
    int64_t bits = map.swizzleBytes == 128 ? 7 : map.swizzleBytes == 64 ? 3 : map.swizzleBytes == 32 ? 1 : 0;
    int64_t base = -1;
    for (const auto &[at, sb] : sharedBase_)
      if (sb.get() == op.dst.get())
        base = at;
    if (base < 0)
      error("TMA destination " + op.dst->name + " is not a shared buffer");
    for (int t = 0; t < T_; ++t) {
      if (!m[t])
        continue;
      int64_t dstAddr = base + flatIndex(op.dst, di, t) * esz;
      if (dstAddr % 128)
        error(fmt::format("TMA destination {} (shared address {}) is not 128-byte aligned", op.dst->name, dstAddr));
      if (map.swizzleBytes && map.box.back() * esz > map.swizzleBytes)
        error(fmt::format("TMA box rows of {} bytes exceed the {}-byte swizzle span", map.box.back() * esz,
                          map.swizzleBytes));
      std::vector<int64_t> i(rank, 0);
      std::vector<std::pair<int64_t, int64_t>> rows; // contiguous byte ranges of the source read
      for (int64_t o = 0; o < map.boxBytes() / esz; ++o) {
        int64_t flat = 0;
        bool inside = true;
        for (int64_t d = 0; d < rank; ++d) {
          int64_t g = static_cast<int64_t>(ci[d][t]) + i[d];
          inside = inside && g >= 0 && g < shape[d];
          flat = flat * shape[d] + g;
        }
        int64_t a = dstAddr + o * esz;
        a ^= ((a >> 7) & bits) << 4;
        auto [buf, elem] = sharedElement(a, "TMA destination", op.dst);
        if (buf->get() != op.dst.get())
          error(fmt::format("TMA box into {} runs into {}", op.dst->name, (*buf)->name));
        Cell &c = cells_[op.dst.get()][elem];
        if (c.tmaInFlight || c.inFlight)
          error(fmt::format("TMA into {}[{}], which an earlier copy still in flight writes", op.dst->name, elem));
        checkNotReadByWgmma(c, "TMA into", op.dst, elem);
        if (c.readSeq > acquired_[t])
          error(fmt::format("TMA into {}[{}], which {} read with no __syncthreads() or mbarrier wait of thread {} "
                            "after it (a stage still being read)",
                            op.dst->name, elem, c.reader == -2 ? "threads" : "thread " + std::to_string(c.reader), t));
        c.tmaInFlight = true;
        if (aliased_) {
          checkWriteBytes(op.dst, elem, -1); // the async proxy's write: no thread is its writer
          markInFlight(op.dst, elem, true);
        }
        if (inside) {
          checkGlobalRead(op.src.get(), flat, t);
          if (!rows.empty() && rows.back().first + rows.back().second == flat * esz)
            rows.back().second += esz; // the box row goes on in the tensor
          else
            rows.push_back({flat * esz, esz});
        }
        bar.inFlight.push_back({op.dst.get(), elem, {inside ? globalData(op.src)[flat] : 0.0}});
        for (int64_t d = rank - 1; d >= 0; --d) { // next box element, innermost first
          if (++i[d] < map.box[d])
            break;
          i[d] = 0;
        }
      }
      bar.inFlightBytes += map.boxBytes();
      if (global_) // the box's rows as the bulk copy reads them (parts outside the tensor: none)
        global_->add(&op, op_, op_ ? op_->what : std::string(), "TMA " + op.src->name,
                     static_cast<int>(map.box.back() * esz), countBulkSectors(rows), true);
    }
  }

  const Buffer &sharedOrRegister(const BufferNode *n) {
    for (const Buffer &b : k_.registers)
      if (b.get() == n)
        return b;
    error("unknown register buffer");
  }

  const Kernel &k_;
  std::vector<interp::Tensor> &args_;
  int T_;
  std::unordered_map<const BufferNode *, size_t> paramIndex_;
  std::unordered_map<const VarNode *, Values> vars_;
  std::unordered_map<const BufferNode *, std::vector<double>> shared_, regs_;
  std::unordered_map<const BufferNode *, std::vector<Cell>> cells_;
  std::unordered_map<const BufferNode *, std::vector<GlobalCell>> globalCells_; // tensors written and read
  int64_t block_ = -1;                                                         // the block running
  std::unordered_map<const BufferNode *, std::vector<int64_t>> dims_;
  std::vector<std::vector<PendingCopy>> open_;
  std::vector<std::vector<std::vector<PendingCopy>>> committed_;
  uint32_t epoch_ = 1;
  uint64_t writeSeq_ = 0;            // generic-proxy shared writes so far (numbers them)
  std::vector<uint64_t> proxyFenced_; // per thread: its writes up to this number are fenced for wgmma
  std::vector<std::pair<int64_t, Buffer>> sharedBase_; // each shared buffer's byte address
  std::unordered_map<const BufferNode *, int64_t> byteBase_; // the same, by buffer
  bool aliased_ = false;          // some shared buffers share bytes: bytes_ tracks every byte
  std::vector<ByteCell> bytes_;
  WgmmaGroup wgmmaOpen_;                     // issued, not yet committed
  std::deque<WgmmaGroup> wgmmaCommitted_;    // committed, oldest first, until a wait retires them
  std::unordered_map<const BufferNode *, int> accInFlight_; // accumulators with results in flight
  std::unordered_map<const BufferNode *, int> registersReadInFlight_; // RS-form A fragments in flight
  std::map<std::pair<const BufferNode *, int64_t>, Mbarrier> mbarriers_;
  BankReport *banks_;
  GlobalReport *global_;
  const SOp *op_ = nullptr; // the op being run (names bank-conflict sites)
  uint64_t seq_ = 0;        // shared reads and mbarrier arrivals so far (numbers them)
  std::vector<uint64_t> acquired_; // per thread: it has seen every access numbered up to this
  uint64_t steps_ = 0;      // statements run (a round of roles that adds none is a deadlock)
  RoleRun *running_ = nullptr; // the role running, inside warp-specialized roles
  std::mutex batonLock_;
  std::condition_variable batonMoved_;
  size_t turn_ = kScheduler; // the role whose turn it is, or the scheduler's
};

} // namespace

void runSimt(const Kernel &k, std::vector<interp::Tensor> &args, const interp::SizeBindings &sizes,
             BankReport *banks, GlobalReport *global) {
  if (args.size() != k.params.size())
    error(fmt::format("kernel {} takes {} tensors, got {}", k.name, k.params.size(), args.size()));
  BlockRunner runner(k, args, sizes, banks, global);
  std::vector<int64_t> grid = runner.gridDims();
  int64_t total = 1;
  for (int64_t g : grid)
    total *= g;
  for (int64_t b = 0; b < total; ++b) {
    std::vector<int64_t> idx(grid.size());
    int64_t rest = b;
    for (size_t d = 0; d < grid.size(); ++d)
      idx[d] = rest % grid[d], rest /= grid[d];
    runner.runBlock(idx);
  }
}

} // namespace tilec::gpu
