// Compiled statements: sequences, loops (every kind runs serially), stores, lets, ifs; each tile
// op is handed to its compile function (interp/ops/<Op>.cpp). Also the compiler's buffer and
// region resolution.
#include "interp/Runtime.h"
#include "interp/Scalar.h"

namespace tilec::interp::detail {

namespace {

class SeqCode final : public StmtCode {
public:
  explicit SeqCode(std::vector<StmtPtr> stmts) : stmts_(std::move(stmts)) {}
  void exec(Slots s) const override {
    for (const StmtPtr &st : stmts_)
      st->exec(s);
  }

private:
  std::vector<StmtPtr> stmts_;
};

class NopCode final : public StmtCode {
public:
  void exec(Slots) const override {}
};

// T.Parallel, T.Pipelined and T.unroll loops have element-wise (or sequential) semantics, so a
// serial loop is a faithful reference for all of them.
class ForCode final : public StmtCode {
public:
  ForCode(int slot, ExprPtr min, ExprPtr extent, StmtPtr body, SourceLoc loc)
      : slot_(slot), min_(std::move(min)), extent_(std::move(extent)), body_(std::move(body)), loc_(loc) {}
  void exec(Slots s) const override {
    double lo = min_->eval(s), n = extent_->eval(s);
    // Loop indices live in doubles: keep them where doubles hold integers exactly.
    if (!(std::fabs(lo) <= 0x1p52 && std::fabs(n) <= 0x1p52))
      fail(loc_, "loop bounds out of range");
    int64_t first = static_cast<int64_t>(lo), count = static_cast<int64_t>(n);
    for (int64_t i = 0; i < count; ++i) {
      s[slot_] = static_cast<double>(first + i);
      body_->exec(s);
    }
  }

private:
  int slot_;
  ExprPtr min_, extent_;
  StmtPtr body_;
  SourceLoc loc_;
};

class StoreCode final : public StmtCode {
public:
  StoreCode(BufferState *b, std::vector<IndexCode> idx, ExprPtr value, SourceLoc loc,
            ir::AtomicOp atomic)
      : buffer_(b), indices_(std::move(idx)), value_(std::move(value)), loc_(loc), atomic_(atomic) {}
  void exec(Slots s) const override {
    int64_t offset = elementOffset("store to", *buffer_, indices_, s, loc_);
    double v = value_->eval(s);
    double &element = buffer_->data[offset];
    // Blocks and iterations run one at a time here, so an atomic update is a plain read-modify-write.
    element = atomic_ == ir::AtomicOp::None ? roundValue(v, buffer_->dtype)
                                            : ir::applyAtomic(atomic_, element, v, buffer_->dtype);
  }

private:
  BufferState *buffer_;
  std::vector<IndexCode> indices_;
  ExprPtr value_;
  SourceLoc loc_;
  ir::AtomicOp atomic_;
};

class LetCode final : public StmtCode {
public:
  LetCode(int slot, ir::DType t, ExprPtr value, StmtPtr body)
      : slot_(slot), dtype_(t), value_(std::move(value)), body_(std::move(body)) {}
  void exec(Slots s) const override {
    s[slot_] = roundValue(value_->eval(s), dtype_); // a typed scalar holds its dtype's values
    body_->exec(s);
  }

private:
  int slot_;
  ir::DType dtype_;
  ExprPtr value_;
  StmtPtr body_;
};

class IfCode final : public StmtCode {
public:
  IfCode(ExprPtr cond, StmtPtr thenBody, StmtPtr elseBody)
      : cond_(std::move(cond)), then_(std::move(thenBody)), else_(std::move(elseBody)) {}
  void exec(Slots s) const override {
    if (cond_->eval(s) != 0.0)
      then_->exec(s);
    else if (else_)
      else_->exec(s);
  }

private:
  ExprPtr cond_;
  StmtPtr then_, else_;
};

// A run-time `while`: a condition that never turns false is an error after kMaxIterations tests,
// so a kernel that would hang on a GPU fails here, at the loop, instead of hanging the check.
class WhileCode final : public StmtCode {
public:
  static constexpr int64_t kMaxIterations = int64_t(1) << 24;
  WhileCode(ExprPtr cond, StmtPtr body, SourceLoc loc)
      : cond_(std::move(cond)), body_(std::move(body)), loc_(loc) {}
  void exec(Slots s) const override {
    for (int64_t n = 0; cond_->eval(s) != 0.0; ++n) {
      if (n == kMaxIterations)
        fail(loc_, "this while loop ran " + std::to_string(kMaxIterations) +
                       " iterations without its condition turning false");
      body_->exec(s);
    }
  }

private:
  ExprPtr cond_;
  StmtPtr body_;
  SourceLoc loc_;
};

class EvaluateCode final : public StmtCode {
public:
  explicit EvaluateCode(ExprPtr e) : e_(std::move(e)) {}
  void exec(Slots s) const override { (void)e_->eval(s); }

private:
  ExprPtr e_;
};

} // namespace

void Compiler::bindBuffer(const ir::BufferNode *b, BufferState *state) { buffers_[b] = state; }

BufferState *Compiler::lookupBuffer(const ir::BufferNode &b, SourceLoc loc) {
  if (auto it = buffers_.find(&b); it != buffers_.end())
    return it->second;
  // A pass may have rebuilt a buffer node; the name still identifies a parameter or tile.
  for (const auto &[node, state] : buffers_)
    if (state->name == b.name)
      return state;
  fail(loc, "buffer '" + b.name + "' is neither a kernel parameter nor an allocated tile");
}

std::vector<int64_t> Compiler::concreteShape(const ir::BufferNode &b) {
  if (numSlots_ != 0) // shapes may depend on sizes only, so they are computed before any binder
    fail(b.loc, "internal error: buffer shapes must be computed before loop variables are bound");
  std::vector<int64_t> shape;
  for (const ir::Expr &dim : b.shape) {
    double v = compile(dim)->eval(nullptr); // no slot exists yet (checked above): none is read
    if (!(v >= 0 && v <= 0x1p40))
      fail(b.loc, "buffer '" + b.name + "' has an invalid dimension (" + std::to_string(v) + ")");
    shape.push_back(static_cast<int64_t>(v));
  }
  return shape;
}

StmtPtr Compiler::compile(const ir::Stmt &s) {
  if (!s)
    return std::make_unique<NopCode>();
  switch (s->kind) {
  case ir::StmtKind::Seq: {
    std::vector<StmtPtr> stmts;
    for (const ir::Stmt &st : s->as<ir::Seq>()->stmts)
      stmts.push_back(compile(st));
    return std::make_unique<SeqCode>(std::move(stmts));
  }
  case ir::StmtKind::For: return compileFor(*s->as<ir::For>());
  case ir::StmtKind::Store: return compileStore(*s->as<ir::Store>());
  case ir::StmtKind::LetStmt: {
    auto *let = s->as<ir::LetStmt>();
    ExprPtr value = compile(let->value); // before the slot exists: the value cannot see the var
    int slot = declareSlot(let->var.get());
    return std::make_unique<LetCode>(slot, let->var->dtype, std::move(value), compile(let->body));
  }
  case ir::StmtKind::If: {
    auto *ifs = s->as<ir::If>();
    StmtPtr elseBody = ifs->elseBody ? compile(ifs->elseBody) : nullptr;
    return std::make_unique<IfCode>(compile(ifs->cond), compile(ifs->thenBody), std::move(elseBody));
  }
  case ir::StmtKind::While: {
    auto *w = s->as<ir::While>();
    return std::make_unique<WhileCode>(compile(w->cond), compile(w->body), w->loc);
  }
  case ir::StmtKind::Evaluate: return std::make_unique<EvaluateCode>(compile(s->as<ir::Evaluate>()->value));
  case ir::StmtKind::Sync: return std::make_unique<NopCode>(); // blocks run one at a time
#define TILEC_TILE_OP(Name) \
  case ir::StmtKind::Name: return compile##Name(*this, static_cast<const ir::Name &>(*s));
#include "ir/ops/TileOps.def"
  }
  fail(s->loc, "internal error: unknown statement kind");
}

StmtPtr Compiler::compileFor(const ir::For &f) {
  ExprPtr min = compile(f.min), extent = compile(f.extent);
  int slot = declareSlot(f.var.get());
  return std::make_unique<ForCode>(slot, std::move(min), std::move(extent), compile(f.body), f.loc);
}

StmtPtr Compiler::compileStore(const ir::Store &st) {
  BufferState *b = lookupBuffer(*st.buffer, st.loc);
  if (st.indices.size() != b->shape.size())
    fail(st.loc, "store to '" + b->name + "' has " + std::to_string(st.indices.size()) +
                     " indices but the buffer has rank " + std::to_string(b->shape.size()));
  return std::make_unique<StoreCode>(b, compileIndices(st.indices), compile(st.value), st.loc, st.atomic);
}

RegionCode Compiler::compileRegion(const ir::Region &r, const char *role, SourceLoc opLoc) {
  SourceLoc loc = r.loc.valid() ? r.loc : opLoc;
  RegionCode rc;
  rc.buffer = lookupBuffer(*r.buffer, loc);
  rc.loc = loc;
  size_t rank = rc.buffer->shape.size();
  if (r.extents.empty())
    fail(loc, std::string(role) + " region of '" + rc.buffer->name +
                  "' has no extents (infer-copy-regions must run before the interpreter)");
  if (r.starts.size() != rank || r.extents.size() != rank)
    fail(loc, std::string(role) + " region of '" + rc.buffer->name + "' has " +
                  std::to_string(r.starts.size()) + " starts and " + std::to_string(r.extents.size()) +
                  " extents but the buffer has rank " + std::to_string(rank));
  for (const ir::Expr &e : r.starts)
    rc.starts.push_back(compile(e));
  for (const ir::Expr &e : r.extents)
    rc.extents.push_back(compile(e));
  return rc;
}

} // namespace tilec::interp::detail
