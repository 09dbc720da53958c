// Index-dependent values of element-wise maps (docs/TT_BACKEND.md, "Index tiles"). A value that
// depends on the element's row or column but reads no tile — the causal mask
// `T.if_then_else(bx * 32 + i >= k * 32 + j, 0, -inf)`, a tail mask built from `by * 32 + i < M` —
// has no SFPU form in the compute kernel, which cannot see an element's coordinates. The reader
// can: it writes such a value element by element into a tile of its own (an "index tile"), and
// compute reads that tile like any other operand. Each maximal index-only subexpression of a Map's
// value becomes a Map of its own into a fresh float32 tile (BufferUses::isIndexTileMap: the
// reader's), and the original Map reads that tile.
//
// A choice between tile operands on an index condition, `T.if_then_else(c(i, j), x, y)`, is
// rewritten into SFPU min/max with index tiles: max(min(x, c ? inf : -inf), min(y, c ? -inf : inf)),
// exact for every value but NaN; a constant branch folds into its index tile (`c ? x : -inf` is
// min(x, c ? inf : -inf) alone). A guarded store in a T.Parallel nest (`if row < M: acc[i, j] = v`)
// is such a choice (RaiseIndexNests.cpp).
#include "target/tt/BufferUses.h"
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include "ir/Accesses.h"
#include "ir/Functor.h"
#include "ir/Printer.h"

#include <cmath>
#include <limits>
#include <set>

namespace tilec::tt {

using namespace ir;

namespace {

bool readsAnyBuffer(const Expr &e) { return !accessesOf(e).empty(); }

std::optional<double> floatConstant(const Expr &e) {
  if (auto *c = e->as<Cast>())
    return floatConstant(c->value);
  if (auto *f = e->as<FloatImm>())
    return f->value;
  if (auto *i = e->as<IntImm>())
    return static_cast<double>(i->value);
  return std::nullopt;
}

// Integer subtraction is refused inside an index tile: the reader evaluates index arithmetic in
// unsigned 32-bit integers (as every kernel does), where `i - j` below zero wraps.
void checkNoIntegerSubtraction(const Expr &e) {
  struct Finder : IRVisitor {
    void visitBinary(const Binary &b) override {
      if (b.op == BinaryOp::Sub && !isFloat(b.dtype))
        fail(b.loc, "integer subtraction in an index-dependent value (" + printExpr(b.a) + " - " + printExpr(b.b) +
                        ") is not supported on Tenstorrent, whose kernels compute indices in unsigned integers; "
                        "move the term to the other side of the comparison (write `a >= b + c`, not `a - c >= b`)");
      IRVisitor::visitBinary(b);
    }
  } finder;
  finder.visit(e);
}

class IndexTileBuilder : public IRMutator {
public:
  explicit IndexTileBuilder(PrimFunc &f) : f_(f) {}

protected:
  Stmt mutateMap(const Stmt &s, const Map &m) override {
    if (built_.count(m.dst.buffer.get()))
      return s; // an index tile's own map: the reader's
    // A map that is index-only as a whole still gets a fresh tile and becomes a copy of it: its
    // destination may be updated by compute too (the causal mask before `acc_s += Q K^T`), and a
    // tile has one producer kernel.
    before_.clear();
    axes_ = m.axes;
    dst_ = &m.dst;
    Expr value = lift(m.value);
    if (before_.empty())
      return s;
    std::vector<Stmt> out = before_;
    out.push_back(m.rebuild({m.dst}, {value}));
    return seq(out, m.loc);
  }

private:
  PrimFunc &f_;
  std::vector<Var> axes_;
  std::vector<Stmt> before_;
  int count_ = 0;
  std::set<const BufferNode *> built_; // the index tiles made so far

  bool indexOnly(const Expr &e) const { return !readsAnyBuffer(e) && mentions(e, axes_) && isFloat(e->dtype); }

  Expr lift(const Expr &e) {
    if (indexOnly(e))
      return indexTile(e);
    if (auto *s = e->as<Select>(); s && mentions(s->cond, axes_))
      return liftChoice(e, *s);
    if (auto *b = e->as<Binary>())
      return binary(b->op, lift(b->a), lift(b->b), b->loc);
    if (auto *u = e->as<Unary>())
      return std::make_shared<Unary>(u->op, lift(u->a), u->dtype, u->loc);
    if (auto *c = e->as<Cast>())
      return std::make_shared<Cast>(c->dtype, lift(c->value), c->loc);
    if (auto *c = e->as<Call>()) {
      std::vector<Expr> args;
      for (const Expr &a : c->args)
        args.push_back(lift(a));
      return std::make_shared<Call>(c->name, args, c->dtype, c->loc);
    }
    return e;
  }

  // c ? x : y with c index-dependent and x or y reading tiles.
  Expr liftChoice(const Expr &e, const Select &s) {
    if (readsAnyBuffer(s.cond))
      fail(s.loc, "this T.if_then_else chooses on a condition that reads a tile (" + printExpr(s.cond) +
                      "); Tenstorrent kernels have no element-wise choice on tile values yet: write it with "
                      "T.max/T.min or arithmetic");
    // max(x where c else -inf, y where c else -inf): `v where c else -inf` is min(v, c ? inf : -inf)
    // for a tile value v, and one index tile when v reads no tile (a constant). Exact for every value
    // but NaN, infinities included, which the additive (x + mask) and multiplicative (x * mask) forms
    // are not (inf - inf, inf * 0).
    double inf = std::numeric_limits<double>::infinity();
    DType t = e->dtype;
    auto constant = [&](double v) { return floatImm(v, t, s.loc); };
    auto pick = [&](const Expr &v, bool whenCond) -> Expr {
      if (!readsAnyBuffer(v)) {
        if (auto k = floatConstant(v); k && *k == -inf)
          return nullptr; // -inf everywhere: the max ignores it
        return indexTile(std::make_shared<Select>(s.cond, whenCond ? v : constant(-inf), whenCond ? constant(-inf) : v, s.loc));
      }
      Expr mask = std::make_shared<Select>(s.cond, constant(whenCond ? inf : -inf), constant(whenCond ? -inf : inf), s.loc);
      return binary(BinaryOp::Min, lift(v), indexTile(mask), s.loc);
    };
    Expr x = pick(s.a, true), y = pick(s.b, false);
    if (!x || !y)
      return x ? x : y;
    return binary(BinaryOp::Max, x, y, s.loc);
  }

  // A fresh float32 tile of the map's box, filled by the reader with `e` at every element.
  Expr indexTile(const Expr &e) {
    if (axes_.size() != 2)
      fail(e->loc, "an index-dependent value (" + printExpr(e) + ") over a " + std::to_string(axes_.size()) +
                       "-D tile is not supported on Tenstorrent; index tiles are 2-D");
    if (e->dtype != DType::Float32 && !exactInEveryFormat(e))
      fail(e->loc, "the index-dependent value " + printExpr(e) + " has dtype " + dtypeName(e->dtype) +
                       "; Tenstorrent builds index tiles in float32: compute it in float32 (T.cast the tile "
                       "operands), or make it a mask of 0, 1 and ±infinity");
    checkNoIntegerSubtraction(e);
    const Region &dst = currentDst();
    std::vector<Expr> shape = dst.extents;
    auto tile = std::make_shared<BufferNode>(dst.buffer->name + "_idx" + (count_ ? std::to_string(count_) : ""), shape,
                                             DType::Float32, Scope::Fragment, e->loc);
    ++count_;
    f_.allocs.push_back(tile);
    built_.insert(tile.get());
    std::vector<Var> axes = {var("i"), var("j")};
    Expr value = substitute(e, {{axes_[0].get(), axes[0]}, {axes_[1].get(), axes[1]}});
    value = std::make_shared<Cast>(DType::Float32, value, e->loc);
    before_.push_back(std::make_shared<Map>(axes, fullRegion(tile, e->loc), value, e->loc));
    return std::make_shared<Cast>(e->dtype, load(tile, {axes_[0], axes_[1]}, e->loc), e->loc);
  }

  // Leaves that are 0, 1 or ±inf hold the same value in every float format.
  static bool exactInEveryFormat(const Expr &e) {
    bool exact = true;
    struct Leaves : IRVisitor {
      bool &exact;
      explicit Leaves(bool &x) : exact(x) {}
      void visitFloatImm(const FloatImm &f) override {
        exact &= f.value == 0 || f.value == 1 || f.value == -1 || std::isinf(f.value);
      }
      void visitCall(const Call &) override { exact = false; }
      void visitBinary(const Binary &b) override {
        if (isFloat(b.dtype))
          exact = false; // float arithmetic rounds per node in the reference
        IRVisitor::visitBinary(b);
      }
    } leaves(exact);
    leaves.visit(e);
    return exact;
  }

  const Region &currentDst() const { return *dst_; }
  const Region *dst_ = nullptr; // of the Map being rewritten
};

} // namespace

void buildIndexTiles(PrimFunc &f) {
  raiseIndexNests(f);
  IndexTileBuilder builder(f);
  f.body = builder.mutate(f.body);
}

} // namespace tilec::tt
