// raise-tile-ops: turns the seed document's scalar loop style into tile ops, by IR structure only
// (loop kinds, extents, index arithmetic and data flow; never buffer or variable names).
//
// A *nest* is a chain of perfectly nested loops, all starting at 0 with extents that do not depend
// on the chain's own variables, ending in one Store `dst[...] = value`. An index is *affine* when
// it is `start + v` with `start` free of the nest's variables (Analysis.h: splitAffine).
//
// Matched (in this order; the first match wins):
//   Gemm    a nest over (i, j, k) in any order, i and j T.Parallel, storing
//           `C[ci + i, cj + j] = C[same] + A[.., ..] * B[.., ..]` (operands of + and * in either
//           order, casts around A/B allowed): A indexed by (i, k) or (k, i) → transpose_A, B by
//           (k, j) or (j, k) → transpose_B. A and B must be shared/fragment tiles, C a
//           fragment/local tile (what T.gemm accepts), all three distinct buffers. In each
//           operand the loop dimensions are the trailing ones (leading dimensions of extent 1).
//   Reduce  a nest over (i, j), i T.Parallel, storing `acc[a + i] = acc[same] + src[.., ..]`
//           (or T.max / T.min of the accumulator, or + / max of abs(src)) with src indexed by
//           i and j in its trailing dimensions: Reduce(src region, acc region, dim = 0 when j's
//           dimension comes first else 1, clear = false).
//           Any other element-wise expression of (i, j) in place of src (`acc[i] += A[.., j] * 0.5`,
//           `T.exp(x - m[i])`, a dot product `A[i, j] * B[j]`; the same loads Map accepts, none of
//           acc) is first computed by a Map into a fresh fragment tile over the (i, j) box, which
//           the Reduce then folds along j — when j's loop is not T.Parallel, both extents are
//           constants and the expression's dtype is no wider than acc's (storing it in the tile
//           then rounds nothing away).
//   Fill    an all-T.Parallel nest whose dst covers every loop variable once (coefficient 1)
//           storing a value with no loads and no loop variables.
//   Copy    the same shape of nest storing `src[...]` (or a lossless cast of it) where src is
//           another buffer indexed by the same loop variables in the same order.
//   Map     the same shape of nest storing an element-wise expression: loads of other buffers
//           whose every index is `start` or `start + v` (the same element, a broadcast row or
//           column, a scalar), loads of dst at exactly the stored element, constants and
//           loop-invariant scalars. Loop variables used outside load indices are not matched.
// A T.Parallel nest whose body is several stores is first split into one nest per store when
// that cannot change results (no buffer written by one store is touched by another at a
// different element); the pieces are then matched one by one.
//
// Anything else stays as written: raising is an optimisation and must never change semantics.
#include "ir/Accesses.h"
#include "ir/Functor.h"
#include "transform/Analysis.h"
#include "transform/Passes.h"

namespace tilec::transform {

using namespace ir;

namespace {

// ---------------------------------------------------------------------------------------------
// Nests and accesses

struct Nest {
  std::vector<const For *> loops; // outermost first
  VarSet vars;
  Stmt body; // the innermost statement (not a For)

  const For *loopOf(const VarNode *v) const {
    for (const For *f : loops)
      if (f->var.get() == v)
        return f;
    return nullptr;
  }
  bool allParallel() const {
    for (const For *f : loops)
      if (f->forKind != ForKind::Parallel)
        return false;
    return true;
  }
};

// The chain of perfectly nested loops starting at `outer`; nullopt when a loop starts anywhere
// but 0 or its extent depends on another loop of the chain (triangular nests are not tiles).
std::optional<Nest> collectNest(const For &outer) {
  Nest n;
  const StmtNode *s = &outer;
  while (auto *f = s->as<For>()) {
    auto mn = asConstInt(f->min);
    if (!mn || *mn != 0)
      return std::nullopt;
    n.loops.push_back(f);
    n.vars.insert(f->var.get());
    s = f->body.get();
  }
  for (const For *f : n.loops)
    if (usesAnyVar(f->extent, n.vars))
      return std::nullopt;
  n.body = n.loops.back()->body;
  return n;
}

// One buffer access split per dimension into start (+ loop variable).
struct Access {
  Buffer buffer;
  std::vector<AffineIndex> dims;

  // The dimensions that carry a loop variable, in order.
  std::vector<const VarNode *> varOrder() const {
    std::vector<const VarNode *> out;
    for (const AffineIndex &d : dims)
      if (d.var)
        out.push_back(d.var);
    return out;
  }
  int dimOf(const VarNode *v) const {
    for (size_t d = 0; d < dims.size(); ++d)
      if (dims[d].var == v)
        return static_cast<int>(d);
    return -1;
  }
};

// nullopt unless every index is `start` or `start + v` and no loop variable appears twice.
std::optional<Access> analyzeAccess(const Buffer &b, const std::vector<Expr> &indices,
                                    const VarSet &vars) {
  if (indices.size() != b->rank())
    return std::nullopt;
  Access a{b, {}};
  VarSet seen;
  for (const Expr &idx : indices) {
    auto d = splitAffine(idx, vars);
    if (!d || (d->var && (d->coeff != 1 || !seen.insert(d->var).second)))
      return std::nullopt;
    a.dims.push_back(*d);
  }
  return a;
}

// The region an access sweeps over the nest: extent of the loop in its dimensions, 1 elsewhere.
Region regionOf(const Access &a, const Nest &n, SourceLoc loc) {
  Region r{a.buffer, {}, {}, loc};
  for (const AffineIndex &d : a.dims) {
    r.starts.push_back(d.start);
    r.extents.push_back(d.var ? n.loopOf(d.var)->extent : intImm(1, loc));
  }
  return r;
}

// Whether the loop-carrying dimensions are the last ones: gemm and reduce see an operand as the
// matrix of its trailing two dimensions (leading dimensions of extent 1 are dropped).
bool varsAreTrailing(const Access &a) {
  bool seenVar = false;
  for (const AffineIndex &d : a.dims) {
    if (seenVar && !d.var)
      return false;
    seenVar |= d.var != nullptr;
  }
  return true;
}

bool coversExactly(const Access &a, const VarSet &vars) {
  auto order = a.varOrder();
  return order.size() == vars.size();
}

const Load *asLoad(const Expr &e) { return e ? e->as<Load>() : nullptr; }

Expr stripCast(const Expr &e) {
  auto *c = e->as<Cast>();
  return c ? stripCast(c->value) : e;
}

// `dst[same] (op) other`: the accumulation statements of gemm and reduce.
struct Accumulation {
  BinaryOp op; // Add, Max or Min
  Expr other;
};

bool isDstElement(const Expr &e, const Store &st) {
  auto *l = asLoad(e);
  return l && l->buffer == st.buffer && exprsEqual(l->indices, st.indices);
}

std::optional<Accumulation> splitAccumulation(const Store &st) {
  Expr v = st.value;
  if (auto *c = v->as<Cast>(); c && c->dtype == st.buffer->dtype)
    v = c->value;
  BinaryOp op;
  Expr x, y;
  if (auto *b = v->as<Binary>()) {
    op = b->op;
    x = b->a;
    y = b->b;
  } else if (auto *call = v->as<Call>(); call && call->args.size() == 2 &&
                                         (call->name == "max" || call->name == "min")) {
    op = call->name == "max" ? BinaryOp::Max : BinaryOp::Min;
    x = call->args[0];
    y = call->args[1];
  } else {
    return std::nullopt;
  }
  if (op != BinaryOp::Add && op != BinaryOp::Max && op != BinaryOp::Min)
    return std::nullopt;
  if (isDstElement(x, st))
    return Accumulation{op, y};
  if (isDstElement(y, st))
    return Accumulation{op, x};
  return std::nullopt;
}

bool isTileScope(Scope s) { return s == Scope::Shared || s == Scope::Fragment; }

// ---------------------------------------------------------------------------------------------
// Gemm

std::optional<Stmt> matchGemm(const Nest &n, const Store &st) {
  if (n.loops.size() != 3)
    return std::nullopt;
  auto c = analyzeAccess(st.buffer, st.indices, n.vars);
  auto acc = splitAccumulation(st);
  if (!c || !acc || acc->op != BinaryOp::Add)
    return std::nullopt;
  auto cVars = c->varOrder();
  if (cVars.size() != 2 || !varsAreTrailing(*c))
    return std::nullopt;
  const VarNode *i = cVars[0], *j = cVars[1], *k = nullptr;
  for (const VarNode *v : n.vars)
    if (v != i && v != j)
      k = v;
  if (n.loopOf(i)->forKind != ForKind::Parallel || n.loopOf(j)->forKind != ForKind::Parallel)
    return std::nullopt;
  auto *mul = stripCast(acc->other)->as<Binary>();
  if (!mul || mul->op != BinaryOp::Mul)
    return std::nullopt;
  Scope cs = st.buffer->scope;
  if (cs != Scope::Fragment && cs != Scope::Local)
    return std::nullopt;

  // Which operand of * is A (indexed by i and k) and which is B (k and j).
  for (auto [x, y] : {std::pair{mul->a, mul->b}, std::pair{mul->b, mul->a}}) {
    auto *la = asLoad(stripCast(x)), *lb = asLoad(stripCast(y));
    if (!la || !lb || la->buffer == st.buffer || lb->buffer == st.buffer)
      continue;
    if (!isTileScope(la->buffer->scope) || !isTileScope(lb->buffer->scope))
      continue;
    auto a = analyzeAccess(la->buffer, la->indices, n.vars);
    auto b = analyzeAccess(lb->buffer, lb->indices, n.vars);
    if (!a || !b || !varsAreTrailing(*a) || !varsAreTrailing(*b))
      continue;
    auto av = a->varOrder(), bv = b->varOrder();
    using Pair = std::vector<const VarNode *>;
    bool aPlain = av == Pair{i, k}, aTrans = av == Pair{k, i};
    bool bPlain = bv == Pair{k, j}, bTrans = bv == Pair{j, k};
    if ((!aPlain && !aTrans) || (!bPlain && !bTrans))
      continue;
    return std::make_shared<Gemm>(regionOf(*a, n, la->loc), regionOf(*b, n, lb->loc),
                                  regionOf(*c, n, st.loc), aTrans, bTrans, /*clear=*/false,
                                  n.loops.front()->loc);
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Reduce

// Fresh tiles for raised ops, named after what they hold and unique among the kernel's buffers.
class TileAllocator {
public:
  explicit TileAllocator(PrimFunc &f) : f_(f) {}
  Buffer fragment(const std::string &base, std::vector<Expr> shape, DType t, SourceLoc loc) {
    return newFragment(f_, base, std::move(shape), t, loc);
  }

private:
  PrimFunc &f_;
};

// Whether `e` is an element-wise expression of the nest's variables that never reads `acc`:
// loads at `start` or `start + v` indices, constants, loop-invariant scalars.
bool isElementwiseOf(const Expr &e, const Buffer &acc, const VarSet &vars) {
  class Checker : public IRVisitor {
  public:
    Checker(const Buffer &acc, const VarSet &vars) : acc_(acc), vars_(vars) {}
    bool ok = true;

  protected:
    void visitVar(const VarNode &v) override { ok &= vars_.count(&v) == 0; }
    void visitLoad(const Load &l) override {
      ok &= l.buffer != acc_ && analyzeAccess(l.buffer, l.indices, vars_).has_value();
    }

  private:
    const Buffer &acc_;
    const VarSet &vars_;
  } check(acc, vars);
  check.visit(e);
  return check.ok;
}

// `acc[a + i] (op)= f(...)` over (i, j): Map terms[i, j] = f(...), then Reduce(terms → acc, dim 1).
std::optional<Stmt> matchReduceOfExpression(const Nest &n, const Store &st, const Access &dst, ReduceKind kind,
                                            const Expr &value, const VarNode *i, const VarNode *j,
                                            TileAllocator &tiles) {
  if (!isElementwiseOf(value, st.buffer, n.vars))
    return std::nullopt;
  DType t = value->dtype, accType = st.buffer->dtype;
  if (t == DType::Bool || isFloat(t) != isFloat(accType) || dtypeBits(t) > dtypeBits(accType))
    return std::nullopt;
  const For *li = n.loopOf(i), *lj = n.loopOf(j);
  if (lj->forKind == ForKind::Parallel) // accumulating across parallel iterations: keep as written
    return std::nullopt;
  if (!asConstInt(li->extent) || !asConstInt(lj->extent))
    return std::nullopt;
  SourceLoc loc = n.loops.front()->loc;
  Buffer terms = tiles.fragment(st.buffer->name + "_terms", {li->extent, lj->extent}, t, value->loc);
  Region box = fullRegion(terms, value->loc);
  Stmt map = std::make_shared<Map>(std::vector<Var>{li->var, lj->var}, box, value, loc);
  Stmt reduce = std::make_shared<Reduce>(kind, box, regionOf(dst, n, st.loc), /*dim=*/1, /*clear=*/false, loc);
  return seq({map, reduce}, loc);
}

std::optional<Stmt> matchReduce(const Nest &n, const Store &st, TileAllocator &tiles) {
  if (n.loops.size() != 2)
    return std::nullopt;
  auto dst = analyzeAccess(st.buffer, st.indices, n.vars);
  auto acc = splitAccumulation(st);
  if (!dst || !acc)
    return std::nullopt;
  auto dstVars = dst->varOrder();
  if (dstVars.size() != 1 || n.loopOf(dstVars[0])->forKind != ForKind::Parallel)
    return std::nullopt;
  const VarNode *i = dstVars[0];
  const VarNode *j = n.loops[0]->var.get() == i ? n.loops[1]->var.get() : n.loops[0]->var.get();
  ReduceKind plain = acc->op == BinaryOp::Add   ? ReduceKind::Sum
                     : acc->op == BinaryOp::Max ? ReduceKind::Max
                                                : ReduceKind::Min;

  // A tile read straight (or its abs): the reduce reads the source region itself.
  Expr operand = stripCast(acc->other);
  bool absolute = false;
  if (auto *call = operand->as<Call>(); call && call->name == "abs" && call->args.size() == 1) {
    absolute = true;
    operand = stripCast(call->args[0]);
  }
  auto *ls = asLoad(operand);
  auto src = ls && ls->buffer != st.buffer ? analyzeAccess(ls->buffer, ls->indices, n.vars) : std::nullopt;
  bool direct = src && src->varOrder().size() == 2 && varsAreTrailing(*src) &&
                !(absolute && plain == ReduceKind::Min);
  if (!direct)
    return matchReduceOfExpression(n, st, *dst, plain, acc->other, i, j, tiles);

  ReduceKind kind = !absolute ? plain : plain == ReduceKind::Sum ? ReduceKind::AbsSum : ReduceKind::AbsMax;
  // dim counts the source's loop-carrying dimensions (the 2-D view the tile op sees).
  int dim = src->dimOf(j) < src->dimOf(i) ? 0 : 1;
  return std::make_shared<Reduce>(kind, regionOf(*src, n, ls->loc), regionOf(*dst, n, st.loc), dim,
                                  /*clear=*/false, n.loops.front()->loc);
}

// ---------------------------------------------------------------------------------------------
// Element-wise nests: Fill, Copy, Map

// Whether `cast<to>(x)` then a store into `dst` equals storing x directly: a cast to the
// destination type, or a widening float cast (exact).
bool castIsLossless(DType to, DType from, DType dst) {
  if (to == dst || to == from)
    return true;
  return isFloat(to) && isFloat(from) && dtypeBits(to) > dtypeBits(from);
}

std::optional<Stmt> matchCopy(const Nest &n, const Store &st, const Access &dst) {
  Expr v = st.value;
  if (auto *c = v->as<Cast>()) {
    auto *inner = asLoad(c->value);
    if (!inner || !castIsLossless(c->dtype, inner->dtype, st.buffer->dtype))
      return std::nullopt;
    v = c->value;
  }
  auto *l = asLoad(v);
  if (!l || l->buffer == st.buffer)
    return std::nullopt;
  auto src = analyzeAccess(l->buffer, l->indices, n.vars);
  if (!src || src->varOrder() != dst.varOrder())
    return std::nullopt;
  return std::make_shared<Copy>(regionOf(*src, n, l->loc), regionOf(dst, n, st.loc),
                                n.loops.front()->loc);
}

// The value of an element-wise nest: see the file header for what is accepted.
class ElementwiseChecker : public IRVisitor {
public:
  ElementwiseChecker(const Store &st, const VarSet &vars) : st_(st), vars_(vars) {}
  bool ok = true;

protected:
  void visitVar(const VarNode &v) override { ok &= vars_.count(&v) == 0; }
  void visitLoad(const Load &l) override {
    if (l.buffer == st_.buffer)
      ok &= exprsEqual(l.indices, st_.indices);
    else
      ok &= analyzeAccess(l.buffer, l.indices, vars_).has_value();
    // Indices were checked as a whole; do not visit their loop variables as scalars.
  }

private:
  const Store &st_;
  const VarSet &vars_;
};

std::optional<Stmt> matchElementwise(const Nest &n, const Store &st) {
  if (!n.allParallel())
    return std::nullopt;
  auto dst = analyzeAccess(st.buffer, st.indices, n.vars);
  if (!dst || !coversExactly(*dst, n.vars))
    return std::nullopt;
  SourceLoc loc = n.loops.front()->loc;
  if (!hasLoad(st.value) && !usesAnyVar(st.value, n.vars))
    return std::make_shared<Fill>(regionOf(*dst, n, st.loc), st.value, loc);
  if (auto copy = matchCopy(n, st, *dst))
    return copy;
  ElementwiseChecker check(st, n.vars);
  check.visit(st.value);
  if (!check.ok)
    return std::nullopt;
  // One axis per destination dimension; unit dimensions get an axis of their own.
  std::vector<Var> axes;
  for (size_t d = 0; d < dst->dims.size(); ++d) {
    const For *f = dst->dims[d].var ? n.loopOf(dst->dims[d].var) : nullptr;
    axes.push_back(f ? f->var : var("_u" + std::to_string(d), DType::Int32, st.loc));
  }
  return std::make_shared<Map>(std::move(axes), regionOf(*dst, n, st.loc), st.value, loc);
}

// Whether some index (of the store or of a load in its value) reads the stored buffer: the
// addresses would then change while the tile op runs.
bool indexReadsDst(const Store &st) {
  class Finder : public IRVisitor {
  public:
    explicit Finder(const BufferNode *dst) : dst_(dst) {}
    bool found = false;
    int indexDepth = 0;

  protected:
    void visitLoad(const Load &l) override {
      found |= indexDepth > 0 && l.buffer.get() == dst_;
      ++indexDepth;
      IRVisitor::visitLoad(l);
      --indexDepth;
    }

  private:
    const BufferNode *dst_;
  } f(st.buffer.get());
  f.indexDepth = 1;
  for (const Expr &i : st.indices)
    f.visit(i);
  f.indexDepth = 0;
  f.visit(st.value);
  return f.found;
}

std::optional<Stmt> matchNest(const Nest &n, TileAllocator &tiles) {
  auto *st = n.body->as<Store>();
  // An atomic update stays a nest of atomic stores: no tile op updates its region atomically.
  if (!st || st->isAtomic() || indexReadsDst(*st))
    return std::nullopt;
  if (auto g = matchGemm(n, *st))
    return g;
  if (auto r = matchReduce(n, *st, tiles))
    return r;
  return matchElementwise(n, *st);
}

// ---------------------------------------------------------------------------------------------
// Loop fission of multi-store T.Parallel nests

// The elements each buffer is accessed at (loads and the store) in one statement.
using ElementsByBuffer = std::map<const BufferNode *, std::vector<const std::vector<Expr> *>>;

ElementsByBuffer elementsByBuffer(const Stmt &s) {
  ElementsByBuffer out;
  for (const ir::Access &a : accessesOf(s))
    out[a.buffer.get()].push_back(a.indices);
  return out;
}

// Splitting is exact when every buffer that some statement writes and another statement touches
// is accessed at one and the same element everywhere: each iteration then only ever sees values
// that it produced itself, whatever the order of the split loops.
bool fissionIsExact(const std::vector<Stmt> &stmts) {
  std::vector<ElementsByBuffer> per;
  for (const Stmt &s : stmts)
    per.push_back(elementsByBuffer(s));
  for (size_t s = 0; s < stmts.size(); ++s) {
    const BufferNode *written = stmts[s]->as<Store>()->buffer.get();
    const std::vector<Expr> &at = stmts[s]->as<Store>()->indices;
    for (size_t t = 0; t < stmts.size(); ++t) {
      auto it = per[t].find(written);
      if (t == s || it == per[t].end())
        continue;
      for (const auto *idx : it->second)
        if (!exprsEqual(*idx, at))
          return false;
      for (const auto *idx : per[s][written])
        if (!exprsEqual(*idx, at))
          return false;
    }
  }
  return true;
}

// Rebuilds the nest's loops around `body`, with fresh loop variables when `fresh` (two sibling
// loops must not bind the same variable node).
Stmt rebuildNest(const Nest &n, Stmt body, bool fresh) {
  std::map<const VarNode *, Expr> renames;
  std::vector<Var> vars;
  for (const For *f : n.loops) {
    Var v = fresh ? var(f->var->name, f->var->dtype, f->var->loc) : f->var;
    renames[f->var.get()] = v;
    vars.push_back(v);
  }
  if (fresh)
    body = substitute(body, renames);
  for (size_t l = n.loops.size(); l-- > 0;) {
    const For *f = n.loops[l];
    body = std::make_shared<For>(vars[l], f->min, f->extent, f->forKind, body, f->loc, f->numStages);
  }
  return body;
}

class Raiser : public IRMutator {
public:
  explicit Raiser(PrimFunc &f) : tiles_(f) {}

protected:
  Stmt mutateFor(const Stmt &s, const For &f) override {
    auto nest = collectNest(f);
    if (nest) {
      if (auto raised = matchNest(*nest, tiles_))
        return *raised;
      if (auto split = splitAndRaise(*nest))
        return *split;
    }
    // A T.Parallel loop that is not raised as a whole stays scalar code all the way down: raising
    // a part of its body (its inner j loop, with i free) would leave a tile op inside a parallel
    // loop, which neither backend lowers (`for i, j in T.Parallel` around a select on a symbolic
    // `i < valid` was raised to `for i: map(j)` and refused by the GPU backend).
    if (f.forKind == ForKind::Parallel)
      return s;
    return IRMutator::mutateFor(s, f);
  }

private:
  // A T.Parallel nest over several stores → one nest per store, raised where they match.
  std::optional<Stmt> splitAndRaise(const Nest &n) {
    auto *body = n.body->as<Seq>();
    if (!body || !n.allParallel())
      return std::nullopt;
    for (const Stmt &x : body->stmts)
      if (!x->as<Store>())
        return std::nullopt;
    if (!fissionIsExact(body->stmts))
      return std::nullopt;
    std::vector<Stmt> pieces;
    bool anyRaised = false;
    for (size_t k = 0; k < body->stmts.size(); ++k) {
      Stmt loop = rebuildNest(n, body->stmts[k], /*fresh=*/k > 0);
      auto piece = collectNest(*loop->as<For>());
      auto raised = piece ? matchNest(*piece, tiles_) : std::nullopt;
      anyRaised |= raised.has_value();
      pieces.push_back(raised ? *raised : loop);
    }
    if (!anyRaised)
      return std::nullopt;
    return seq(std::move(pieces), n.loops.front()->loc);
  }

  TileAllocator tiles_;
};

} // namespace

void raiseTileOps(PrimFunc &f) { f.body = Raiser(f).mutate(f.body); }

} // namespace tilec::transform
