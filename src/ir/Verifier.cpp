// verify: structural checks of a kernel after the common passes.
//
//   dtypes   no arithmetic on bool; indices, loop bounds, shapes and grid extents are integers;
//            no integer division by a constant zero
//   ranks    one index per buffer dimension (loads, stores, region starts and extents)
//   shapes   allocated tiles have static, positive shapes; region extents are positive
//   scopes   gemm A/B are shared or fragment tiles, C a fragment or local tile
//   tile ops copy sides agree on their non-unit extents; gemm M/N/K agree (with transposes);
//            reduce removes its reduced dimension from the source's shape (one element from a
//            1-D source); map has one axis per dim
//   bounds   constant indices inside constant shapes; for tiles (not global tensors, which the
//            backends pad and mask), indices and regions whose range follows from constant loop
//            bounds, unless guarded by an `if` or a select
// Every failure is a CompileError at the offending node, saying what is wrong and what is allowed.
#include "ir/Verifier.h"

#include "ir/Functor.h"
#include "ir/MatrixView.h"
#include "ir/Printer.h"

#include <optional>

namespace tilec::ir {

namespace {

struct Interval {
  int64_t lo, hi;
};

std::string tuple(const std::vector<Expr> &es) {
  std::string out = "(";
  for (size_t i = 0; i < es.size(); ++i)
    out += (i ? ", " : "") + printExpr(es[i]);
  return out + ")";
}

std::vector<Expr> nonUnit(const std::vector<Expr> &extents) {
  std::vector<Expr> out;
  for (const Expr &e : extents) {
    auto v = asConstInt(e);
    if (!v || *v != 1)
      out.push_back(e);
  }
  return out;
}

// Two extents are known equal when both are the same constant or print the same.
bool sameExtent(const Expr &a, const Expr &b) {
  auto x = asConstInt(a), y = asConstInt(b);
  if (x && y)
    return *x == *y;
  return printExpr(a) == printExpr(b);
}

bool sameExtents(const std::vector<Expr> &a, const std::vector<Expr> &b) {
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!sameExtent(a[i], b[i]))
      return false;
  return true;
}

// The 2-D view of a tile-op operand (ir/MatrixView.h): its non-unit dimensions, padded with
// trailing unit ones; a 1-D operand is a single row. nullopt when more than two are non-unit.
std::optional<std::vector<Expr>> matrixView(const Region &r) {
  auto dims = matrixViewDims(r.extents);
  if (!dims)
    return std::nullopt;
  std::vector<Expr> view;
  for (int d : *dims)
    view.push_back(d < 0 ? intImm(1) : r.extents[d]);
  return view;
}

SourceLoc at(const SourceLoc &preferred, const SourceLoc &fallback) {
  return preferred.valid() ? preferred : fallback;
}

bool isArithmetic(BinaryOp op) {
  return !isComparison(op) && op != BinaryOp::And && op != BinaryOp::Or;
}

class Verifier : public IRVisitor {
public:
  void run(const PrimFunc &f) {
    for (size_t g = 0; g < f.grid.size(); ++g) {
      checkInteger(f.grid[g], f.loc, "grid extent");
      visit(f.grid[g]);
      auto n = asConstInt(f.grid[g]);
      if (n && *n <= 0)
        fail(at(f.grid[g]->loc, f.loc), "grid extent must be positive, got " + std::to_string(*n));
      if (n && g < f.blockVars.size())
        ranges_[f.blockVars[g].get()] = {0, *n - 1};
    }
    for (const Buffer &b : f.params)
      checkShape(b, /*mustBeStatic=*/false);
    for (const Buffer &b : f.allocs)
      checkShape(b, /*mustBeStatic=*/true);
    visit(f.body);
  }

protected:
  // ---- expressions ----

  void visitLoad(const Load &l) override {
    checkAccess(l.buffer, l.indices, l.loc);
    IRVisitor::visitLoad(l);
  }

  void visitBinary(const Binary &b) override {
    if (isArithmetic(b.op) && (b.a->dtype == DType::Bool || b.b->dtype == DType::Bool))
      fail(b.loc, std::string("arithmetic '") + binaryOpSymbol(b.op) + "' on a bool value in `" +
                      printExpr(std::make_shared<Binary>(b)) +
                      "`; bool values combine only with and/or/not (use T.cast to get a number)");
    bool intDivision = b.op == BinaryOp::FloorDiv || b.op == BinaryOp::FloorMod ||
                       (b.op == BinaryOp::Div && !isFloat(b.b->dtype));
    auto divisor = asConstInt(b.b);
    if (intDivision && divisor && *divisor == 0)
      fail(b.loc, "division by zero in `" + printExpr(std::make_shared<Binary>(b)) + "`");
    IRVisitor::visitBinary(b);
  }

  void visitSelect(const Select &s) override {
    visit(s.cond);
    ++guarded_; // each branch may only be valid when its condition holds
    visit(s.a);
    visit(s.b);
    --guarded_;
  }

  // ---- statements ----

  void visitFor(const For &f) override {
    checkInteger(f.min, f.loc, "loop start");
    checkInteger(f.extent, f.loc, "loop extent");
    visit(f.min);
    visit(f.extent);
    auto mn = asConstInt(f.min), ext = asConstInt(f.extent);
    if (f.forKind == ForKind::Pipelined && f.numStages < 0)
      fail(f.loc, "num_stages must be >= 0, got " + std::to_string(f.numStages));
    std::optional<Interval> range;
    int64_t hi;
    if (mn && ext && *ext > 0 && !__builtin_add_overflow(*mn, *ext - 1, &hi))
      range = Interval{*mn, hi};
    withRange(f.var.get(), range, [&] { visit(f.body); });
  }

  void visitStore(const Store &s) override {
    checkAccess(s.buffer, s.indices, s.loc);
    IRVisitor::visitStore(s);
  }

  void visitIf(const If &s) override {
    visit(s.cond);
    ++guarded_;
    visit(s.thenBody);
    visit(s.elseBody);
    --guarded_;
  }

  void visitCopy(const Copy &c) override {
    checkRegion(c.src, c.loc, "copy source", /*clipsAtGlobalEdge=*/true);
    checkRegion(c.dst, c.loc, "copy destination", /*clipsAtGlobalEdge=*/true);
    auto a = nonUnit(c.src.extents), b = nonUnit(c.dst.extents);
    if (!sameExtents(a, b))
      fail(c.loc, "copy extents do not match: source " + c.src.buffer->name + " has " + tuple(a) +
                      ", destination " + c.dst.buffer->name + " has " + tuple(b) +
                      "; both sides must have the same non-unit extents in the same order");
    IRVisitor::visitCopy(c);
  }

  void visitGemm(const Gemm &g) override {
    checkRegion(g.a, g.loc, "gemm A");
    checkRegion(g.b, g.loc, "gemm B");
    checkRegion(g.c, g.loc, "gemm C");
    checkGemmScopes(g);
    checkGemmShapes(g);
    IRVisitor::visitGemm(g);
  }

  void visitFill(const Fill &f) override {
    checkRegion(f.dst, f.loc, "fill destination");
    IRVisitor::visitFill(f);
  }

  void visitReduce(const Reduce &r) override {
    checkRegion(r.src, r.loc, "reduce source");
    checkRegion(r.dst, r.loc, "reduce destination");
    checkReduceShapes(r);
    IRVisitor::visitReduce(r);
  }

  void visitMap(const Map &m) override {
    checkRegion(m.dst, m.loc, "map destination");
    if (m.axes.size() != m.dst.buffer->rank())
      fail(m.loc, "map over " + m.dst.buffer->name + " has " + std::to_string(m.axes.size()) +
                      " axes but the buffer has rank " + std::to_string(m.dst.buffer->rank()));
    // The axes sweep [0, extent) of each destination dimension.
    visitMapValue(m, 0);
  }

private:
  std::map<const VarNode *, Interval> ranges_;
  int guarded_ = 0;

  template <class F> void withRange(const VarNode *v, std::optional<Interval> r, F &&body) {
    if (r)
      ranges_[v] = *r;
    body();
    ranges_.erase(v);
  }

  void visitMapValue(const Map &m, size_t axis) {
    if (axis == m.axes.size()) {
      IRVisitor::visitMap(m);
      return;
    }
    auto ext = asConstInt(m.dst.extents[axis]);
    std::optional<Interval> r;
    if (ext && *ext > 0)
      r = Interval{0, *ext - 1};
    withRange(m.axes[axis].get(), r, [&] { visitMapValue(m, axis + 1); });
  }

  // ---- dtypes, shapes, ranks ----

  static void checkInteger(const Expr &e, const SourceLoc &fallback, const std::string &what) {
    if (e && !isInt(e->dtype))
      fail(at(e->loc, fallback), what + " must be an integer expression, got " +
                                     dtypeName(e->dtype) + " `" + printExpr(e) +
                                     "`; use // for integer division or T.cast(x, \"int32\")");
  }

  void checkShape(const Buffer &b, bool mustBeStatic) {
    for (size_t d = 0; d < b->rank(); ++d) {
      const Expr &dim = b->shape[d];
      checkInteger(dim, b->loc, "the shape of " + b->name);
      auto v = asConstInt(dim);
      if (mustBeStatic && !v)
        fail(b->loc, "tile shape must be static: " + b->name + " is " + tuple(b->shape) + " and `" +
                         printExpr(dim) + "` is only known at run time; " + scopeName(b->scope) +
                         " tiles need constant sizes (bind it with -D or --call)");
      if (v && *v <= 0)
        fail(b->loc, "dimension " + std::to_string(d) + " of " + b->name + " must be positive, got " +
                         std::to_string(*v));
    }
  }

  void checkRank(const BufferNode &b, size_t given, const SourceLoc &loc, const std::string &what) {
    if (given != b.rank())
      fail(loc, b.name + " has rank " + std::to_string(b.rank()) + " but " + what + " " +
                    std::to_string(given) + (given == 1 ? " index" : " indices") +
                    "; give one index per dimension");
  }

  // ---- bounds ----

  std::optional<Interval> rangeOf(const Expr &e) const {
    if (auto v = asConstInt(e))
      return Interval{*v, *v};
    if (auto *var = e->as<VarNode>()) {
      auto it = ranges_.find(var);
      if (it == ranges_.end())
        return std::nullopt;
      return it->second;
    }
    auto *b = e->as<Binary>();
    if (!b || !isInt(b->dtype))
      return std::nullopt;
    auto x = rangeOf(b->a), y = rangeOf(b->b);
    if (b->op == BinaryOp::FloorMod && y && y->lo == y->hi && y->lo > 0)
      return Interval{0, y->lo - 1};
    if (!x || !y)
      return std::nullopt;
    Interval r;
    switch (b->op) {
    case BinaryOp::Add:
      if (__builtin_add_overflow(x->lo, y->lo, &r.lo) || __builtin_add_overflow(x->hi, y->hi, &r.hi))
        return std::nullopt;
      return r;
    case BinaryOp::Sub:
      if (__builtin_sub_overflow(x->lo, y->hi, &r.lo) || __builtin_sub_overflow(x->hi, y->lo, &r.hi))
        return std::nullopt;
      return r;
    case BinaryOp::Mul: {
      if (y->lo != y->hi || y->lo < 0) // scaling by a non-negative constant only
        return std::nullopt;
      if (__builtin_mul_overflow(x->lo, y->lo, &r.lo) || __builtin_mul_overflow(x->hi, y->lo, &r.hi))
        return std::nullopt;
      return r;
    }
    case BinaryOp::Min: return Interval{std::min(x->lo, y->lo), std::min(x->hi, y->hi)};
    case BinaryOp::Max: return Interval{std::max(x->lo, y->lo), std::max(x->hi, y->hi)};
    default: return std::nullopt;
    }
  }

  // Constant indices always; loop-derived ranges only into tiles and outside guards.
  std::optional<Interval> knownRange(const Expr &e, const Buffer &b) const {
    if (asConstInt(e))
      return rangeOf(e);
    if (b->scope == Scope::Global || guarded_ > 0)
      return std::nullopt;
    return rangeOf(e);
  }

  void checkAccess(const Buffer &b, const std::vector<Expr> &indices, const SourceLoc &loc) {
    checkRank(*b, indices.size(), loc, "is indexed with");
    for (size_t d = 0; d < indices.size(); ++d) {
      checkInteger(indices[d], loc, "index " + std::to_string(d) + " of " + b->name);
      auto extent = asConstInt(b->shape[d]);
      auto r = knownRange(indices[d], b);
      if (!extent || !r || (r->lo >= 0 && r->hi < *extent))
        continue;
      int64_t bad = r->lo < 0 ? r->lo : r->hi;
      std::string what = asConstInt(indices[d]) ? "index " + std::to_string(bad)
                                                : "index `" + printExpr(indices[d]) + "` reaches " +
                                                      std::to_string(bad) + ", which";
      fail(at(indices[d]->loc, loc), what + " is out of bounds for dimension " + std::to_string(d) +
                                         " of " + b->name + " (extent " + std::to_string(*extent) +
                                         ", valid indices 0.." + std::to_string(*extent - 1) + ")");
    }
  }

  // clipsAtGlobalEdge: the op (T.copy) bounds-checks a global side element by element, so such
  // a region may run past the tensor's edge (a tail block); its start must still be inside.
  void checkRegion(const Region &r, const SourceLoc &opLoc, const std::string &what,
                   bool clipsAtGlobalEdge = false) {
    SourceLoc loc = at(r.loc, opLoc);
    const Buffer &b = r.buffer;
    checkRank(*b, r.starts.size(), loc, "the " + what + " region gives");
    if (r.extents.empty())
      fail(loc, "the " + what + " region " + printRegion(r) +
                    " has no extent; give a slice (A[i0:i1, j0:j1]) or a whole buffer");
    checkRank(*b, r.extents.size(), loc, "the " + what + " region has extents for");
    for (size_t d = 0; d < b->rank(); ++d) {
      checkInteger(r.starts[d], loc, "the start of the " + what + " region");
      checkInteger(r.extents[d], loc, "the extent of the " + what + " region");
      auto ext = asConstInt(r.extents[d]);
      if (ext && *ext <= 0)
        fail(loc, "the " + what + " region " + printRegion(r) + " has extent " +
                      std::to_string(*ext) + " in dimension " + std::to_string(d) +
                      "; region extents must be positive");
      auto shape = asConstInt(b->shape[d]);
      auto start = knownRange(r.starts[d], b);
      if (!ext || !shape || !start)
        continue;
      int64_t end;
      if (clipsAtGlobalEdge && b->scope == Scope::Global && start->lo >= 0 && start->hi < *shape)
        continue;
      if (start->lo < 0 || __builtin_add_overflow(start->hi, *ext, &end) || end > *shape)
        fail(loc, "the " + what + " region " + printRegion(r) + " is out of bounds in dimension " +
                      std::to_string(d) + ": it covers [" + std::to_string(start->lo) + ", " +
                      std::to_string(start->lo < 0 ? start->lo + *ext : end) + ") but " + b->name +
                      " has extent " + std::to_string(*shape));
    }
  }

  // ---- tile ops ----

  static void checkGemmScopes(const Gemm &g) {
    for (const Region *r : {&g.a, &g.b}) {
      Scope s = r->buffer->scope;
      if (s != Scope::Shared && s != Scope::Fragment)
        fail(at(r->loc, g.loc), std::string("gemm operand ") + (r == &g.a ? "A" : "B") + " (" +
                                    r->buffer->name + ") is a " + scopeName(s) +
                                    " buffer; gemm reads shared or fragment tiles (T.copy it into a "
                                    "T.alloc_shared tile first)");
    }
    Scope c = g.c.buffer->scope;
    if (c != Scope::Fragment && c != Scope::Local)
      fail(at(g.c.loc, g.loc), "gemm accumulator C (" + g.c.buffer->name + ") is a " +
                                   scopeName(c) +
                                   " buffer; gemm accumulates into a T.alloc_fragment or "
                                   "T.alloc_local tile");
  }

  static void checkGemmShapes(const Gemm &g) {
    auto a = matrixView(g.a), b = matrixView(g.b), c = matrixView(g.c);
    const char *names[] = {"A", "B", "C"};
    const Region *regions[] = {&g.a, &g.b, &g.c};
    const std::optional<std::vector<Expr>> *views[] = {&a, &b, &c};
    for (int i = 0; i < 3; ++i)
      if (!*views[i])
        fail(at(regions[i]->loc, g.loc), std::string("gemm operand ") + names[i] + " (" +
                                             regions[i]->buffer->name + ") is " +
                                             tuple(regions[i]->extents) +
                                             "; gemm operands must be 2-D tiles");
    // op(A) is M x K, op(B) is K x N, C is M x N.
    Expr m = (*a)[g.transposeA ? 1 : 0], ka = (*a)[g.transposeA ? 0 : 1];
    Expr kb = (*b)[g.transposeB ? 1 : 0], n = (*b)[g.transposeB ? 0 : 1];
    auto mismatch = [&](const char *dim, const char *x, const std::vector<Expr> &xs, const char *y,
                        const std::vector<Expr> &ys) {
      fail(g.loc, std::string("gemm ") + dim + " mismatch: " + x + " is " + tuple(xs) + " but " + y +
                      " is " + tuple(ys) + (g.transposeA ? " (A transposed)" : "") +
                      (g.transposeB ? " (B transposed)" : "") +
                      "; gemm computes C[M, N] += A[M, K] @ B[K, N]");
    };
    if (!sameExtent(ka, kb))
      mismatch("K", "A", *a, "B", *b);
    if (!sameExtent(m, (*c)[0]))
      mismatch("M", "A", *a, "C", *c);
    if (!sameExtent(n, (*c)[1]))
      mismatch("N", "B", *b, "C", *c);
  }

  // Reducing dimension d of the source leaves its shape without d; reducing the only dimension
  // of a 1-D source leaves one element. Unit extents on either side are ignored.
  static void checkReduceShapes(const Reduce &r) {
    if (r.dim != 0 && r.dim != 1)
      fail(r.loc, "reduce dim must be 0 or 1 on the source's 2-D view, got " + std::to_string(r.dim));
    auto view = matrixView(r.src);
    if (!view)
      fail(r.loc, "reduce source " + r.src.buffer->name + " is " + tuple(r.src.extents) +
                      "; reductions take a 1-D or 2-D region");
    Expr kept = (*view)[1 - r.dim];
    std::vector<Expr> expected = nonUnit({kept});
    std::vector<Expr> got = nonUnit(r.dst.extents);
    if (sameExtents(expected, got))
      return;
    int regionDim = reduceRegionDim(r.src.extents, r.dim);
    std::string along = regionDim >= 0 ? "along dim " + std::to_string(regionDim)
                                       : std::string("along its missing leading dimension");
    fail(r.loc, "reduce shapes do not match: reducing " + r.src.buffer->name + " " +
                    tuple(r.src.extents) + " " + along + " gives " +
                    tuple(expected.empty() ? std::vector<Expr>{intImm(1)} : expected) +
                    " but destination " + r.dst.buffer->name + " is " + tuple(r.dst.extents));
  }
};

} // namespace

void verify(const PrimFunc &f) { Verifier().run(f); }

} // namespace tilec::ir
