// lower-tile-choices: a choice on tile values in an element-wise map,
// `T.if_then_else(x[i, j] == best[i], -inf, x[i, j])`, has no select instruction to lower to in
// tilec's SFPU vocabulary, but the SFPU tests a tile's sign (eqz/nez/ltz/lez/gtz/gez_tile: 1.0
// where the test holds, 0.0 elsewhere). So:
//  1. the condition becomes a mask M of 1 and 0: a comparison `a OP b` of float values is the sign
//     test of a - b (computed in float32; exact, since a rounded difference is zero only when a == b
//     and keeps the sign of the exact one), `and` is M1 * M2, `or` max(M1, M2), `not` 1 - M; a
//     part that reads no tile stays `c ? 1.0 : 0.0`, for build-index-tiles to make an index tile;
//  2. a fresh float32 tile S (the map's box) gets `(M * 2 - 1) * inf`, +inf where the condition
//     holds and -inf where it does not, computed by a map of its own just before (so an in-place
//     update `x = c(x) ? y : x` tests the old x);
//  3. the choice is max(min(x, S), min(y, -S)): exact for every value but NaN, infinities
//     included (index tiles use the same form, IndexTiles.cpp); a branch that is -inf drops out
//     (`c ? -inf : x` is min(x, -S)).
// Nests whose values use the element's coordinates are raised to maps first (RaiseIndexNests.cpp,
// as build-index-tiles does), since a condition may test both.
// Cost per tile: the difference, the sign test and three scalar ops for S, then two min and a max
// (SFPU), and one float32 CB page per tile of S. Limits: a difference that overflows is ±inf and
// keeps its sign, but inf - inf is NaN, so two equal infinities compare as unordered; NaN
// operands compare false (nez: true), as in the reference except for NaN itself.
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include "ir/Accesses.h"
#include "ir/Functor.h"
#include "ir/Printer.h"
#include "transform/Analysis.h"

#include <limits>

namespace tilec::tt {

using namespace ir;

namespace {

bool readsTile(const Expr &e) { return !accessesOf(e).empty(); }

std::optional<double> floatConstant(const Expr &e) {
  if (auto *c = e->as<Cast>())
    return floatConstant(c->value);
  if (auto *f = e->as<FloatImm>())
    return f->value;
  return std::nullopt;
}

Expr f32(double v, SourceLoc loc) { return floatImm(v, DType::Float32, loc); }
Expr toF32(const Expr &e) { return e->dtype == DType::Float32 ? e : std::make_shared<Cast>(DType::Float32, e, e->loc); }

const char *signTest(BinaryOp op) {
  switch (op) {
  case BinaryOp::Eq: return "eqz";
  case BinaryOp::Ne: return "nez";
  case BinaryOp::Lt: return "ltz";
  case BinaryOp::Le: return "lez";
  case BinaryOp::Gt: return "gtz";
  case BinaryOp::Ge: return "gez";
  default: return nullptr;
  }
}

// The condition as a float32 mask of 1 (holds) and 0.
Expr maskOf(const Expr &c) {
  SourceLoc loc = c->loc;
  if (!readsTile(c))
    return std::make_shared<Select>(c, f32(1, loc), f32(0, loc), loc);
  if (auto *b = c->as<Binary>()) {
    if (const char *test = signTest(b->op)) {
      for (const Expr &side : {b->a, b->b})
        if (!isFloat(side->dtype) && readsTile(side))
          fail(side->loc, "this comparison reads the integer tile value " + printExpr(side) +
                              "; Tenstorrent compares float tile values only (T.cast it to a float dtype)");
      Expr diff = binary(BinaryOp::Sub, toF32(b->a), toF32(b->b), loc);
      return std::make_shared<Call>(test, std::vector<Expr>{diff}, DType::Float32, loc);
    }
    if (b->op == BinaryOp::And)
      return binary(BinaryOp::Mul, maskOf(b->a), maskOf(b->b), loc);
    if (b->op == BinaryOp::Or)
      return binary(BinaryOp::Max, maskOf(b->a), maskOf(b->b), loc);
  }
  if (auto *u = c->as<Unary>(); u && u->op == UnaryOp::Not)
    return binary(BinaryOp::Sub, f32(1, loc), maskOf(u->a), loc);
  fail(loc, "this condition on tile values (" + printExpr(c) +
                ") has no Tenstorrent lowering: write it as comparisons (==, !=, <, <=, >, >=) of float "
                "values joined by and / or / not");
}

class ChoiceLowerer : public IRMutator {
public:
  explicit ChoiceLowerer(PrimFunc &f) : f_(f) {}

protected:
  Stmt mutateMap(const Stmt &s, const Map &m) override {
    map_ = &m;
    before_.clear();
    Expr value = lower(m.value);
    if (before_.empty())
      return s;
    std::vector<Stmt> out = before_;
    out.push_back(m.rebuild({m.dst}, {value}));
    return seq(std::move(out), m.loc);
  }

private:
  Expr lower(const Expr &e) {
    if (auto *s = e->as<Select>(); s && readsTile(s->cond))
      return choose(e, *s);
    if (auto *b = e->as<Binary>())
      return binary(b->op, lower(b->a), lower(b->b), b->loc);
    if (auto *u = e->as<Unary>())
      return std::make_shared<Unary>(u->op, lower(u->a), u->dtype, u->loc);
    if (auto *c = e->as<Cast>())
      return std::make_shared<Cast>(c->dtype, lower(c->value), c->loc);
    if (auto *c = e->as<Call>()) {
      std::vector<Expr> args;
      for (const Expr &a : c->args)
        args.push_back(lower(a));
      return std::make_shared<Call>(c->name, args, c->dtype, c->loc);
    }
    if (auto *s = e->as<Select>())
      return std::make_shared<Select>(s->cond, lower(s->a), lower(s->b), s->loc);
    return e;
  }

  // max(min(x, S), min(y, -S)), S = +inf where the condition holds, -inf elsewhere.
  Expr choose(const Expr &e, const Select &s) {
    // Integer constants (`c ? 1 : 0` stored to a float tile) are chosen as float32: exact, and the
    // store converts either way. An integer tile value is not: tiles are computed on as floats.
    bool constantBranches = !readsTile(s.a) && !readsTile(s.b);
    if (!isFloat(e->dtype) && !constantBranches)
      fail(s.loc, "this T.if_then_else chooses between integer values on a condition that reads a tile; "
                  "Tenstorrent chooses between float tile values only");
    DType t = isFloat(e->dtype) ? e->dtype : DType::Float32;
    auto asT = [&](const Expr &v) { return v->dtype == t ? v : Expr(std::make_shared<Cast>(t, v, v->loc)); };
    double inf = std::numeric_limits<double>::infinity();
    SourceLoc loc = s.loc;
    Expr mask = maskOf(s.cond);
    Expr sign = binary(BinaryOp::Mul, binary(BinaryOp::Sub, binary(BinaryOp::Mul, mask, f32(2, loc), loc), f32(1, loc), loc),
                       f32(inf, loc), loc);
    Buffer sel = freshTile(loc);
    std::vector<Var> axes; // its own loop variables: two maps never bind the same variable node
    std::map<const VarNode *, Expr> renames;
    for (const Var &a : map_->axes) {
      axes.push_back(var(a->name, a->dtype, a->loc));
      renames[a.get()] = axes.back();
    }
    before_.push_back(std::make_shared<Map>(axes, fullRegion(sel, loc), substitute(sign, renames), loc));
    Expr holds = load(sel, axesAsIndices(), loc);
    if (t != DType::Float32)
      holds = std::make_shared<Cast>(t, holds, loc);
    Expr fails = std::make_shared<Unary>(UnaryOp::Neg, holds, t, loc);
    auto branch = [&](const Expr &v, const Expr &bound) -> Expr {
      if (auto k = floatConstant(v); k && *k == -inf)
        return nullptr; // -inf everywhere: the max ignores it
      return binary(BinaryOp::Min, asT(lower(v)), bound, loc);
    };
    Expr x = branch(s.a, holds), y = branch(s.b, fails);
    if (!x && !y)
      return floatImm(-inf, t, loc);
    if (!x || !y)
      return x ? x : y;
    return binary(BinaryOp::Max, x, y, loc);
  }

  std::vector<Expr> axesAsIndices() const {
    std::vector<Expr> out;
    for (const Var &a : map_->axes)
      out.push_back(a);
    return out;
  }

  Buffer freshTile(SourceLoc loc) {
    return transform::newFragment(f_, map_->dst.buffer->name + "_choice", map_->dst.extents, DType::Float32, loc);
  }

  PrimFunc &f_;
  const Map *map_ = nullptr;
  std::vector<Stmt> before_;
};

} // namespace

void lowerTileChoices(PrimFunc &f) {
  raiseIndexNests(f); // a choice may also test the element's coordinates (`x > 0 or j < 16`)
  f.body = ChoiceLowerer(f).mutate(f.body);
}

} // namespace tilec::tt
