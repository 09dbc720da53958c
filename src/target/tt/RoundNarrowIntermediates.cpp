// Rounding of 16-bit intermediate values (docs/TT_BACKEND.md, "Precision of element-wise code").
//
// The reference semantics round every node of an element-wise expression to the node's dtype: in
// `y_f32[i, j] = T.exp(x_f16[i, j])` the exponential is a float16 value, and in
// `y_f32[i, j] = T.cast(x_f32[i, j], "bfloat16")` the cast rounds to bfloat16. A Tenstorrent
// compute kernel evaluates the whole expression in DST, and when the kernel runs with
// fp32_dest_acc_en (it writes a float32 tile) DST keeps float32 between operations: only the pack
// into the destination CB rounds, to that CB's format. So an intermediate of a 16-bit dtype would
// silently keep float32 precision.
//
// This pass makes those roundings real where they happen: every non-leaf node of a 16-bit float
// dtype that is consumed by another operation (or stored into a wider tile) becomes a Map of its
// own into a fresh fragment of that dtype, which the CB plan gives a Float16/Float16_b CB; the pack
// into it rounds exactly as the reference does, and the consumer reads it back unchanged. 16-bit
// constants are folded to the value their dtype holds. Without fp32_dest_acc_en DST already holds
// 16-bit values and every operation's result is rounded by the hardware, so nothing is split.
#include "ir/Functor.h"
#include "target/tt/BufferUses.h"
#include "target/tt/Passes.h"

namespace tilec::tt {

using namespace ir;

namespace {

bool isSixteenBitFloat(DType t) { return t == DType::Float16 || t == DType::BFloat16; }

// A value the compute kernel reads as it is: a tile element, a constant or a scalar variable.
bool isLeaf(const Expr &e) {
  switch (e->kind) {
  case ExprKind::Load:
  case ExprKind::IntImm:
  case ExprKind::FloatImm:
  case ExprKind::Var: return true;
  case ExprKind::Cast: return e->as<Cast>()->value->kind == ExprKind::IntImm ||
                              e->as<Cast>()->value->kind == ExprKind::FloatImm;
  default: return false;
  }
}

// Folds a constant of a 16-bit float dtype to the value the dtype holds (the reference rounds it).
class FoldNarrowConstants : public IRMutator {
protected:
  Expr mutateFloatImm(const Expr &e) override {
    if (!isSixteenBitFloat(e->dtype))
      return e;
    double v = e->as<FloatImm>()->value;
    double rounded = roundToDType(v, e->dtype);
    return rounded == v ? e : floatImm(rounded, e->dtype, e->loc);
  }
  Expr mutateCast(const Expr &e, const Cast &c) override {
    if (isSixteenBitFloat(e->dtype) && isLeaf(e) && c.value->kind != ExprKind::Load) {
      double v = c.value->kind == ExprKind::FloatImm ? c.value->as<FloatImm>()->value
                                                     : static_cast<double>(c.value->as<IntImm>()->value);
      return floatImm(roundToDType(v, e->dtype), e->dtype, e->loc);
    }
    return IRMutator::mutateCast(e, c);
  }
};

// Splits one Map: each 16-bit intermediate becomes a Map into a fragment of its own, in
// evaluation order (operands first), placed before the Map that reads it.
class MapSplitter {
public:
  MapSplitter(PrimFunc &f, const Map &m) : f_(f), m_(m) {}

  Stmt split(const Stmt &original) {
    Expr root = rewrite(m_.value, /*isRoot=*/true);
    if (before_.empty())
      return original;
    before_.push_back(std::make_shared<Map>(m_.axes, m_.dst, root, m_.loc));
    return std::make_shared<Seq>(std::move(before_), m_.loc);
  }

private:
  // The expression with every 16-bit intermediate below (and, unless it is the stored value of
  // the same dtype as the destination, at) `e` read from a fragment of its own.
  Expr rewrite(const Expr &e, bool isRoot) {
    if (isLeaf(e))
      return e;
    Expr rebuilt = rebuildOperands(e);
    bool roundedByPack = isRoot && e->dtype == m_.dst.buffer->dtype;
    if (!isSixteenBitFloat(e->dtype) || roundedByPack)
      return rebuilt;
    return materialize(rebuilt);
  }

  Expr rebuildOperands(const Expr &e) {
    if (auto *b = e->as<Binary>())
      return std::make_shared<Binary>(b->op, rewrite(b->a, false), rewrite(b->b, false), e->dtype, e->loc);
    if (auto *u = e->as<Unary>())
      return std::make_shared<Unary>(u->op, rewrite(u->a, false), e->dtype, e->loc);
    if (auto *c = e->as<Cast>())
      return std::make_shared<Cast>(e->dtype, rewrite(c->value, false), e->loc);
    if (auto *c = e->as<Call>()) {
      std::vector<Expr> args;
      for (const Expr &a : c->args)
        args.push_back(rewrite(a, false));
      return std::make_shared<Call>(c->name, std::move(args), e->dtype, e->loc);
    }
    if (auto *s = e->as<Select>())
      return std::make_shared<Select>(rewrite(s->cond, false), rewrite(s->a, false), rewrite(s->b, false),
                                      e->loc);
    return e;
  }

  // `tmp[axes] = value` into a fresh fragment shaped like the Map's box; returns `tmp[axes]`.
  Expr materialize(const Expr &value) {
    std::string name = m_.dst.buffer->name + "_" + dtypeName(value->dtype) + "_" + std::to_string(before_.size());
    auto tmp = std::make_shared<BufferNode>(name, m_.dst.extents, value->dtype, Scope::Fragment, value->loc);
    f_.allocs.push_back(tmp);
    // The new Map binds axes of its own (a variable is bound by one statement).
    std::vector<Var> axes;
    std::map<const VarNode *, Expr> renamed;
    for (const Var &a : m_.axes) {
      axes.push_back(var(a->name, a->dtype, a->loc));
      renamed[a.get()] = axes.back();
    }
    before_.push_back(std::make_shared<Map>(axes, fullRegion(tmp, value->loc), substitute(value, renamed), value->loc));
    return load(tmp, std::vector<Expr>(m_.axes.begin(), m_.axes.end()), value->loc);
  }

  PrimFunc &f_;
  const Map &m_;
  std::vector<Stmt> before_;
};

class SplitNarrowIntermediates : public IRMutator {
public:
  explicit SplitNarrowIntermediates(PrimFunc &f) : f_(f) {}

protected:
  Stmt mutateMap(const Stmt &s, const Map &m) override { return MapSplitter(f_, m).split(s); }

private:
  PrimFunc &f_;
};

} // namespace

void roundNarrowIntermediates(PrimFunc &f) {
  f.body = FoldNarrowConstants().mutate(f.body);
  if (!computeWritesFloat32(f))
    return;
  f.body = SplitNarrowIntermediates(f).mutate(f.body);
}

} // namespace tilec::tt
