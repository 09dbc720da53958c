// verify: structural checks of a kernel after the common passes.
//
//   dtypes   no arithmetic on bool; indices, loop bounds, shapes and grid extents are integers;
//            no integer division by a constant zero
//   ranks    one index per buffer dimension (loads, stores, region starts and extents)
//   shapes   allocated tiles have static, positive shapes; region extents are positive
//   bounds   constant indices inside constant shapes; for tiles (not global tensors, which the
//            backends pad and mask), indices and regions whose range follows from constant loop
//            bounds, unless guarded by an `if` or a select
//   tile ops each op's own rules (TileOp::verify in ir/ops/<Op>.cpp: operand scopes, matching
//            extents), after the checks above on each of its regions
// Every failure is a CompileError at the offending node, saying what is wrong and what is allowed.
#include "ir/Verifier.h"

#include "ir/Functor.h"
#include "ir/Printer.h"

#include <optional>

namespace tilec::ir {

namespace {

struct Interval {
  int64_t lo, hi;
};

SourceLoc at(const SourceLoc &preferred, const SourceLoc &fallback) {
  return preferred.valid() ? preferred : fallback;
}

bool isArithmetic(BinaryOp op) {
  return !isComparison(op) && op != BinaryOp::And && op != BinaryOp::Or;
}

class Verifier : public IRVisitor, public RegionChecker {
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

  // An op's own rules (ir/ops/<Op>.cpp), then the reads in its regions and values.
  void visitTileOp(const TileOp &op) override {
    op.verify(*this);
    if (auto *m = op.as<Map>())
      return visitMapValue(*m, 0); // the axes sweep [0, extent) of each destination dimension
    IRVisitor::visitTileOp(op);
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
      IRVisitor::visitTileOp(m);
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
        fail(b->loc, "tile shape must be static: " + b->name + " is " + tupleText(b->shape) + " and `" +
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

  // Rank, positive extents, and bounds where the loop ranges tell (RegionChecker).
  void checkRegion(const Region &r, SourceLoc opLoc, const std::string &what, bool clipsAtGlobalEdge) override {
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
};

} // namespace

void verify(const PrimFunc &f) { Verifier().run(f); }

} // namespace tilec::ir
