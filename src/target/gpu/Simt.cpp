#include "target/gpu/Simt.h"
#include "ir/IntArith.h"

#include <algorithm>

#include "ir/Functor.h"

namespace tilec::gpu {

using namespace ir;

static int64_t bytesOf(const Buffer &b) {
  int64_t n = dtypeBytes(b->dtype);
  for (int64_t d : staticShape(b))
    n *= d;
  return n;
}

int64_t Kernel::sharedBytes() const {
  if (!sharedAt.empty()) {
    int64_t end = 0;
    for (size_t i = 0; i < shared.size(); ++i)
      end = std::max(end, sharedAt[i] + bytesOf(shared[i]));
    return (end + 15) / 16 * 16;
  }
  if (wgmmaTiles.empty()) { // each array 16-byte aligned
    int64_t total = 0;
    for (const Buffer &b : shared)
      total += (bytesOf(b) + 15) / 16 * 16;
    return total;
  }
  std::vector<int64_t> at = sharedOffsets();
  return at.empty() ? 0 : (at.back() + bytesOf(shared.back()) + 15) / 16 * 16;
}

std::vector<int64_t> Kernel::sharedOffsets() const {
  if (!sharedAt.empty())
    return sharedAt;
  std::vector<int64_t> out;
  int64_t offset = 0;
  for (const Buffer &b : shared) {
    int64_t align = sharedAlignment(b);
    offset = (offset + align - 1) / align * align;
    out.push_back(offset);
    offset += bytesOf(b);
  }
  return out;
}

SharedAliases Kernel::sharedAliases() const {
  SharedAliases out;
  std::vector<int64_t> at = sharedOffsets();
  for (size_t i = 0; i < shared.size(); ++i)
    for (size_t j = 0; j < shared.size(); ++j)
      if (i != j && at[i] < at[j] + bytesOf(shared[j]) && at[j] < at[i] + bytesOf(shared[i]))
        out[shared[i].get()].insert(shared[j].get());
  return out;
}

namespace sx {

Expr i32(int64_t v) { return intImm(v); }

static std::optional<int64_t> ci(const Expr &e) { return asConstInt(e); }

Expr plus(Expr a, Expr b) {
  auto x = ci(a), y = ci(b);
  if (x && y)
    return i32(*x + *y);
  if (x && *x == 0)
    return b;
  if (y && *y == 0)
    return a;
  // (e + c1) + c2 -> e + (c1 + c2)
  if (y)
    if (auto *bin = a->as<Binary>(); bin && bin->op == BinaryOp::Add)
      if (auto c1 = ci(bin->b))
        return plus(bin->a, i32(*c1 + *y));
  return binary(BinaryOp::Add, a, b);
}

Expr minus(Expr a, Expr b) {
  auto x = ci(a), y = ci(b);
  if (x && y)
    return i32(*x - *y);
  if (y && *y == 0)
    return a;
  return binary(BinaryOp::Sub, a, b);
}

Expr times(Expr a, Expr b) {
  auto x = ci(a), y = ci(b);
  if (x && y)
    return i32(*x * *y);
  if ((x && *x == 0) || (y && *y == 0))
    return i32(0);
  if (x && *x == 1)
    return b;
  if (y && *y == 1)
    return a;
  return binary(BinaryOp::Mul, a, b);
}

Expr div(Expr a, Expr b) {
  auto x = ci(a), y = ci(b);
  if (x && y && *y != 0)
    return i32(ir::floorDiv(*x, *y));
  if (y && *y == 1)
    return a;
  if (x && *x == 0)
    return a;
  return binary(BinaryOp::FloorDiv, a, b);
}

Expr mod(Expr a, Expr b) {
  auto x = ci(a), y = ci(b);
  if (x && y && *y != 0)
    return i32(ir::floorMod(*x, *y));
  if (y && *y == 1)
    return i32(0);
  return binary(BinaryOp::FloorMod, a, b);
}

Expr lt(Expr a, Expr b) { return binary(BinaryOp::Lt, a, b); }

Expr land(Expr a, Expr b) {
  if (!a)
    return b;
  if (!b)
    return a;
  return binary(BinaryOp::And, a, b);
}

Expr cast(DType t, Expr v) {
  if (v->dtype == t)
    return v;
  if (auto *f = v->as<FloatImm>())
    return floatImm(f->value, t);
  return std::make_shared<Cast>(t, v);
}

Expr shflXor(Expr v, int laneMask) {
  DType t = v->dtype;
  return std::make_shared<Call>("shfl_xor", std::vector<Expr>{std::move(v), i32(laneMask)}, t);
}

Expr ld(const Buffer &b, std::vector<Expr> idx) { return load(b, std::move(idx)); }

} // namespace sx

SStmt sseq(std::vector<SStmt> stmts) {
  std::vector<SStmt> flat;
  for (SStmt &s : stmts) {
    if (!s)
      continue;
    if (auto *inner = s->as<SSeq>())
      flat.insert(flat.end(), inner->stmts.begin(), inner->stmts.end());
    else
      flat.push_back(std::move(s));
  }
  if (flat.size() == 1)
    return flat.front();
  return std::make_shared<SSeq>(std::move(flat));
}

SStmt sfor(const Var &v, Expr min, Expr extent, bool unroll, const SStmt &body) {
  if (!body)
    return nullptr;
  auto ext = asConstInt(extent);
  if (ext && *ext <= 0)
    return nullptr;
  if (ext && *ext == 1)
    return substituteS(body, {{v.get(), min}});
  return std::make_shared<SFor>(v, std::move(min), std::move(extent), unroll, body);
}

SStmt sfor(const Var &v, int64_t extent, bool unroll, const SStmt &body) {
  return sfor(v, sx::i32(0), sx::i32(extent), unroll, body);
}

SStmt sif(Expr cond, SStmt then) {
  if (!then)
    return nullptr;
  if (!cond)
    return then;
  if (auto c = asConstInt(cond))
    return *c ? then : nullptr;
  return std::make_shared<SIf>(std::move(cond), std::move(then), nullptr);
}

SStmt sstore(Buffer b, std::vector<Expr> idx, Expr v, ir::AtomicOp atomic) {
  if (v->dtype != b->dtype)
    v = sx::cast(b->dtype, v);
  return std::make_shared<SStore>(std::move(b), std::move(idx), std::move(v), atomic);
}

namespace {

// Rebuilds integer arithmetic through the folding helpers.
class Folder : public IRMutator {
protected:
  Expr mutateBinary(const Expr &e, const Binary &n) override {
    Expr a = mutate(n.a), b = mutate(n.b);
    if (!isInt(n.dtype) || !isInt(a->dtype) || !isInt(b->dtype))
      return (a == n.a && b == n.b) ? e : std::make_shared<Binary>(n.op, a, b, n.dtype, n.loc);
    switch (n.op) {
    case BinaryOp::Add: return sx::plus(a, b);
    case BinaryOp::Sub: return sx::minus(a, b);
    case BinaryOp::Mul: return sx::times(a, b);
    case BinaryOp::FloorDiv: return sx::div(a, b);
    case BinaryOp::FloorMod: return sx::mod(a, b);
    default:
      return (a == n.a && b == n.b) ? e : std::make_shared<Binary>(n.op, a, b, n.dtype, n.loc);
    }
  }
};

Expr substFold(const Expr &e, const std::map<const VarNode *, Expr> &m) {
  return fold(ir::substitute(e, m));
}

std::vector<Expr> substAll(const std::vector<Expr> &es, const std::map<const VarNode *, Expr> &m) {
  std::vector<Expr> out;
  for (const Expr &e : es)
    out.push_back(substFold(e, m));
  return out;
}

Expr substOpt(const Expr &e, const std::map<const VarNode *, Expr> &m) {
  return e ? substFold(e, m) : e;
}

} // namespace

Expr fold(const Expr &e) { return Folder().mutate(e); }

SStmt rebuildControl(const SStmt &s, const std::function<SStmt(const SStmt &)> &child,
                     const std::function<Expr(const Expr &)> &expr) {
  auto e = [&](const Expr &x) { return expr && x ? expr(x) : x; };
  auto c = [&](const SStmt &x) { return x ? child(x) : x; };
  switch (s->kind) {
  case SKind::Seq: {
    std::vector<SStmt> out;
    for (const SStmt &x : s->as<SSeq>()->stmts)
      out.push_back(c(x));
    return sseq(std::move(out));
  }
  case SKind::For: {
    auto *n = s->as<SFor>();
    Expr min = e(n->min), extent = e(n->extent);
    return std::make_shared<SFor>(n->var, min, extent, n->unroll, c(n->body));
  }
  case SKind::Let: {
    auto *n = s->as<SLet>();
    Expr value = e(n->value);
    return std::make_shared<SLet>(n->var, value, c(n->body));
  }
  case SKind::If: {
    auto *n = s->as<SIf>();
    Expr cond = e(n->cond);
    SStmt thenBody = c(n->thenBody);
    return std::make_shared<SIf>(cond, thenBody, c(n->elseBody), n->roles);
  }
  case SKind::While: {
    auto *n = s->as<SWhile>();
    Expr cond = e(n->cond);
    return std::make_shared<SWhile>(cond, c(n->body));
  }
  default: return nullptr;
  }
}

SStmt substituteS(const SStmt &s, const std::map<const VarNode *, Expr> &m) {
  if (!s)
    return s;
  if (SStmt control = rebuildControl(
          s, [&](const SStmt &c) { return substituteS(c, m); }, [&](const Expr &e) { return substFold(e, m); }))
    return control;
  switch (s->kind) {
  case SKind::Seq:
  case SKind::For:
  case SKind::Let:
  case SKind::If:
  case SKind::While: break; // rebuilt above
  case SKind::Store: {
    auto *n = s->as<SStore>();
    return std::make_shared<SStore>(n->buffer, substAll(n->indices, m), substFold(n->value, m), n->atomic);
  }
  case SKind::VecCopy: {
    auto *n = s->as<SVecCopy>();
    return std::make_shared<SVecCopy>(n->dst, substAll(n->dstIdx, m), n->src, substAll(n->srcIdx, m),
                                      n->lanes);
  }
  case SKind::CpAsync: {
    auto *n = s->as<SCpAsync>();
    return std::make_shared<SCpAsync>(n->dst, substAll(n->dstIdx, m), n->src, substAll(n->srcIdx, m),
                                      n->lanes, substOpt(n->inBounds, m));
  }
  case SKind::LdMatrix: {
    auto *n = s->as<SLdMatrix>();
    return std::make_shared<SLdMatrix>(n->dst, substFold(n->dstOffset, m), n->num, n->trans, n->src,
                                       substAll(n->srcIdx, m));
  }
  case SKind::Mma: {
    auto *n = s->as<SMma>();
    return std::make_shared<SMma>(n->a, substFold(n->aOffset, m), n->b, substFold(n->bOffset, m),
                                  n->c, substFold(n->cOffset, m));
  }
  case SKind::Mfma: {
    auto *n = s->as<SMfma>();
    return std::make_shared<SMfma>(n->a, substFold(n->aOffset, m), n->b, substFold(n->bOffset, m),
                                   n->c, substFold(n->cOffset, m));
  }
  case SKind::Wgmma: {
    auto *n = s->as<SWgmma>();
    return std::make_shared<SWgmma>(n->a, substAll(n->aIdx, m), n->aLayout, n->b, substAll(n->bIdx, m), n->bLayout,
                                    n->n, n->c, substFold(n->cOffset, m));
  }
  case SKind::Tma: {
    auto *n = s->as<STma>();
    return std::make_shared<STma>(n->dst, substAll(n->dstIdx, m), n->src, substAll(n->coords, m), n->map, n->bar,
                                  substFold(n->barIdx, m));
  }
  case SKind::Mbarrier: {
    auto *n = s->as<SMbarrier>();
    return std::make_shared<SMbarrier>(n->what, n->bar, substOpt(n->idx, m), n->bytes, substOpt(n->parity, m));
  }
  case SKind::Op: {
    auto *n = s->as<SOp>();
    auto out = std::make_shared<SOp>(*n); // keeps what the op is (tileCopy, pipelineStages)
    out->body = substituteS(n->body, m);
    if (n->tileCopy) {
      auto c = std::make_shared<TileCopy>(*n->tileCopy);
      c->starts = substAll(c->starts, m), c->stage = substFold(c->stage, m);
      out->tileCopy = c;
    }
    return out;
  }
  case SKind::Barrier:
  case SKind::CpAsyncCommit:
  case SKind::CpAsyncWait:
  case SKind::WgmmaSync:
    return s;
  }
  return s;
}

int64_t TensorMap::boxBytes() const {
  int64_t n = dtypeBytes(tensor->dtype);
  for (int64_t b : box)
    n *= b;
  return n;
}

void forEachStmt(const SStmt &s, const std::function<void(const SStmt &)> &f) {
  if (!s)
    return;
  f(s);
  switch (s->kind) {
  case SKind::Seq:
    for (const SStmt &c : s->as<SSeq>()->stmts)
      forEachStmt(c, f);
    return;
  case SKind::For: forEachStmt(s->as<SFor>()->body, f); return;
  case SKind::Let: forEachStmt(s->as<SLet>()->body, f); return;
  case SKind::If: forEachStmt(s->as<SIf>()->thenBody, f), forEachStmt(s->as<SIf>()->elseBody, f); return;
  case SKind::While: forEachStmt(s->as<SWhile>()->body, f); return;
  case SKind::Op: forEachStmt(s->as<SOp>()->body, f); return;
  default: return;
  }
}

bool containsKind(const SStmt &s, SKind k) {
  bool found = false;
  forEachStmt(s, [&](const SStmt &x) { found = found || x->kind == k; });
  return found;
}

void forEachExpr(const SStmt &s, const std::function<void(const Expr &)> &f) {
  if (!s)
    return;
  auto all = [&](const std::vector<Expr> &es) {
    for (const Expr &e : es)
      f(e);
  };
  switch (s->kind) {
  case SKind::Seq:
    for (const SStmt &c : s->as<SSeq>()->stmts)
      forEachExpr(c, f);
    return;
  case SKind::For: {
    auto *n = s->as<SFor>();
    f(n->min), f(n->extent), forEachExpr(n->body, f);
    return;
  }
  case SKind::Let: f(s->as<SLet>()->value), forEachExpr(s->as<SLet>()->body, f); return;
  case SKind::If: {
    auto *n = s->as<SIf>();
    f(n->cond), forEachExpr(n->thenBody, f), forEachExpr(n->elseBody, f);
    return;
  }
  case SKind::While: f(s->as<SWhile>()->cond), forEachExpr(s->as<SWhile>()->body, f); return;
  case SKind::Store: all(s->as<SStore>()->indices), f(s->as<SStore>()->value); return;
  case SKind::VecCopy: all(s->as<SVecCopy>()->dstIdx), all(s->as<SVecCopy>()->srcIdx); return;
  case SKind::CpAsync: {
    auto *n = s->as<SCpAsync>();
    all(n->dstIdx), all(n->srcIdx);
    if (n->inBounds)
      f(n->inBounds);
    return;
  }
  case SKind::LdMatrix: f(s->as<SLdMatrix>()->dstOffset), all(s->as<SLdMatrix>()->srcIdx); return;
  case SKind::Mma: {
    auto *n = s->as<SMma>();
    f(n->aOffset), f(n->bOffset), f(n->cOffset);
    return;
  }
  case SKind::Mfma: {
    auto *n = s->as<SMfma>();
    f(n->aOffset), f(n->bOffset), f(n->cOffset);
    return;
  }
  case SKind::Wgmma: {
    auto *n = s->as<SWgmma>();
    all(n->aIdx), all(n->bIdx), f(n->cOffset);
    return;
  }
  case SKind::Tma:
    all(s->as<STma>()->dstIdx), all(s->as<STma>()->coords), f(s->as<STma>()->barIdx);
    return;
  case SKind::Mbarrier:
    if (s->as<SMbarrier>()->idx)
      f(s->as<SMbarrier>()->idx);
    if (s->as<SMbarrier>()->parity)
      f(s->as<SMbarrier>()->parity);
    return;
  case SKind::Op: forEachExpr(s->as<SOp>()->body, f); return;
  case SKind::Barrier:
  case SKind::CpAsyncCommit:
  case SKind::CpAsyncWait:
  case SKind::WgmmaSync: return;
  }
}

namespace {

class VarFinder : public IRVisitor {
public:
  explicit VarFinder(const VarNode *v) : v_(v) {}
  bool found = false;

protected:
  void visitVar(const VarNode &n) override { found |= &n == v_; }

private:
  const VarNode *v_;
};

} // namespace

bool usesVar(const SStmt &s, const VarNode *v) {
  VarFinder finder(v);
  forEachExpr(s, [&](const Expr &e) {
    if (!finder.found)
      finder.visit(e);
  });
  return finder.found;
}

std::vector<int64_t> staticShape(const Buffer &b) {
  auto shape = constShape(b);
  if (!shape)
    fail(b->loc, "'" + b->name + "' needs a shape known at compile time");
  return *shape;
}

Buffer makeBuffer(std::string name, std::vector<int64_t> shape, DType t, Scope scope) {
  std::vector<Expr> dims;
  for (int64_t d : shape)
    dims.push_back(intImm(d));
  return std::make_shared<BufferNode>(std::move(name), std::move(dims), t, scope);
}

} // namespace tilec::gpu
