// Tensorisation of element-wise expressions (docs/TT_BACKEND.md). The value of one destination
// tile is computed in DST slot s, tile by tile, from these operand kinds:
//   tile      — the same tile of another CB (copy_tile, or straight into an FPU op);
//   vector    — a row/column vector broadcast over the tile (FPU *_tiles_bcast_rows/cols, or
//               unary_bcast into DST when both operands are already in DST);
//   scalar    — the value of a one-element tile broadcast over the tile (FPU *_tiles_bcast_scalar,
//               or unary_bcast<SCALAR> into DST);
//   constant  — SFPU scalar ops (add/mul_unary_tile with the float's bits), fill_tile;
//   transposed — a 2-D tile read across its axes (`x[j, i]`), or a vector of the other layout
//               (row <-> column) read element by element: transpose_tile (2025:
//               transpose_wh_tile) of the mirrored tile into DST. A column vector's tile k
//               transposed is the row vector's tile k.
// Binary nodes pick the cheapest form the hardware has:
//   CB op CB        → add/sub/mul_tiles (FPU)               CB op vector → *_tiles_bcast_*
//   DST op CB       → binary_dest_reuse_tiles<op, DEST_TO_SRCA>
//   CB op DST       → binary_dest_reuse_tiles<op, DEST_TO_SRCB>
//   DST op scalar   → SFPU *_unary_tile;  max(x, 0) → relu_tile
//   DST op DST      → second operand into the next slot, SFPU *_binary_tile / binary_max/min_tile
// Unary math runs on the SFPU in place: the SFPU op of each intrinsic is in ir/Intrinsics; unary
// minus is negative_tile. Casts cost nothing here: unpack and pack convert between the CB formats and DST.
#include "target/tt/ComputeBuilder.h"
#include "target/tt/TTUtil.h"

#include "ir/Accesses.h"
#include "ir/Intrinsics.h"
#include "ir/Printer.h"

#include <cmath>

namespace tilec::tt {

using namespace ir;

namespace {

enum class Strategy { FpuBoth, ReuseA, ReuseB, Scalar, Relu, Sfpu };

const Expr &stripCast(const Expr &e) {
  if (auto *c = e->as<Cast>())
    return stripCast(c->value);
  return e;
}

std::optional<double> constantOf(const Expr &e) {
  const Expr &x = stripCast(e);
  if (auto *f = x->as<FloatImm>())
    return f->value;
  if (auto *i = x->as<IntImm>())
    return static_cast<double>(i->value);
  return std::nullopt;
}

bool isAddSubMul(BinaryOp op) { return op == BinaryOp::Add || op == BinaryOp::Sub || op == BinaryOp::Mul; }

const char *eltwiseName(BinaryOp op) {
  return op == BinaryOp::Add ? "add" : op == BinaryOp::Sub ? "sub" : "mul";
}
KConst eltwiseEnum(BinaryOp op) {
  return op == BinaryOp::Add ? KConst::EltwiseAdd : op == BinaryOp::Sub ? KConst::EltwiseSub : KConst::EltwiseMul;
}

} // namespace

ExprTensorizer::Operand ExprTensorizer::classify(const Expr &e) const {
  const Expr &x = stripCast(e);
  if (auto c = constantOf(x))
    return {OperandKind::Constant, nullptr, *c};
  auto *l = x->as<Load>();
  if (!l || l->buffer->scope == Scope::Global)
    return {};
  const CbPlan *cb = p_.cbFor(l->buffer);
  if (!cb)
    return {};
  if (isScalarTile(l->buffer)) {
    auto at = asConstInt(l->indices[0]);
    return at && *at == 0 ? Operand{OperandKind::ScalarTile, cb, 0} : Operand{};
  }
  auto isAxis = [&](const Expr &i, size_t k) {
    auto *v = i->as<VarNode>();
    return v && k < axes_.size() && v == axes_[k].get();
  };
  if (l->buffer->rank() == 1 && axes_.size() == 2) {
    if (isAxis(l->indices[0], 0))
      return {OperandKind::ColVector, cb, 0};
    if (isAxis(l->indices[0], 1))
      return {OperandKind::RowVector, cb, 0};
    return {};
  }
  if (l->indices.size() != axes_.size())
    return {};
  if (axes_.size() == 2 && isAxis(l->indices[0], 1) && isAxis(l->indices[1], 0))
    return {OperandKind::Transposed, cb, 0};
  for (size_t k = 0; k < l->indices.size(); ++k)
    if (!isAxis(l->indices[k], k))
      return {};
  if (axes_.size() == 1 && dstLayout_ != VectorLayout::None && cb->layout != VectorLayout::None &&
      cb->layout != dstLayout_)
    return {OperandKind::Transposed, cb, 0};
  return {OperandKind::Tile, cb, 0};
}

KExpr ExprTensorizer::tileIndex(const Operand &o, const TileSite &site) const {
  if (o.kind == OperandKind::Tile)
    return o.cb->buffer.get() == site.rotating ? site.u : site.t;
  if (o.kind == OperandKind::ScalarTile)
    return kInt(0);
  if (o.kind == OperandKind::Transposed) // the destination's tile (r, c) is the source's (c, r)
    return site.dst2d ? add(mul(mod(site.t, site.dstCols), o.cb->tileCols), div(site.t, site.dstCols)) : site.t;
  if (site.dstCols == 1)
    return o.kind == OperandKind::ColVector ? site.t : kInt(0);
  return o.kind == OperandKind::ColVector ? div(site.t, site.dstCols) : mod(site.t, site.dstCols);
}

namespace {

Strategy chooseBinary(const Binary &b, bool aDirect, bool bDirect, bool aTile, bool bTile, bool aVec, bool bVec,
                      std::optional<double> ca, std::optional<double> cb) {
  if ((b.op == BinaryOp::Max) && ((cb && *cb == 0) || (ca && *ca == 0)))
    return Strategy::Relu;
  if (isAddSubMul(b.op)) {
    if (aTile && (bTile || bVec))
      return Strategy::FpuBoth;
    if (aVec && bTile && b.op != BinaryOp::Sub)
      return Strategy::FpuBoth; // commuted
    if (cb || (ca && b.op != BinaryOp::Sub) || (ca && b.op == BinaryOp::Sub))
      return Strategy::Scalar;
    if (bTile)
      return Strategy::ReuseA;
    if (aTile)
      return Strategy::ReuseB;
  }
  if (b.op == BinaryOp::Div && cb)
    return Strategy::Scalar;
  (void)aDirect;
  (void)bDirect;
  return Strategy::Sfpu;
}

} // namespace

int ExprTensorizer::slotsNeeded(const Expr &e) const {
  const Expr &x = stripCast(e);
  if (classify(x).kind != OperandKind::None)
    return 1;
  if (auto *u = x->as<Unary>())
    return slotsNeeded(u->a);
  if (auto *c = x->as<Call>())
    return c->args.empty() ? 1 : slotsNeeded(c->args[0]);
  if (auto *b = x->as<Binary>()) {
    Operand oa = classify(b->a), ob = classify(b->b);
    auto ca = constantOf(b->a), cb = constantOf(b->b);
    Strategy s = chooseBinary(*b, fpuDirect(oa), fpuDirect(ob), oa.kind == OperandKind::Tile,
                              ob.kind == OperandKind::Tile, isVector(oa), isVector(ob), ca, cb);
    switch (s) {
    case Strategy::FpuBoth: return 1;
    case Strategy::ReuseA: return slotsNeeded(b->a);
    case Strategy::ReuseB: return slotsNeeded(b->b);
    case Strategy::Scalar: return slotsNeeded(cb ? b->a : b->b);
    case Strategy::Relu: return slotsNeeded(cb ? b->a : b->b);
    case Strategy::Sfpu: return std::max(slotsNeeded(b->a), slotsNeeded(b->b) + 1);
    }
  }
  return 1;
}

std::set<const BufferNode *> ExprTensorizer::operands(const Expr &e) const {
  std::set<const BufferNode *> out;
  for (const Access &a : accessesOf(e))
    out.insert(a.buffer.get());
  return out;
}

void ExprTensorizer::noteFamily(const std::string &family, const CbPlan &a, const CbPlan &b) {
  if (firstFamily.empty()) {
    firstFamily = family;
    firstCbs = {kName(a.name), kName(b.name)};
  }
}

void ExprTensorizer::loadOperand(const Operand &o, const TileSite &site, const KExpr &s, KBody &out) {
  switch (o.kind) {
  case OperandKind::Tile: {
    KExpr cb = kName(o.cb->name);
    noteFamily("unary", *o.cb, *o.cb);
    inits_.ensure(out, "copy:" + o.cb->name, kCall("copy_init", {cb}));
    out.push_back(kCall("copy_tile", {cb, tileIndex(o, site), s}));
    return;
  }
  case OperandKind::RowVector:
  case OperandKind::ColVector:
  case OperandKind::ScalarTile: {
    KConst dim = o.kind == OperandKind::RowVector   ? KConst::BcastRow
                 : o.kind == OperandKind::ColVector ? KConst::BcastCol
                                                    : KConst::BcastScalar;
    KExpr cb = kName(o.cb->name);
    noteFamily("unary", *o.cb, *o.cb);
    inits_.ensure(out, std::string("ubcast:") + constSpelling(dim) + o.cb->name,
                  kCall("unary_bcast_init", {cb, outCb_}, {kConst(dim)}));
    out.push_back(kCall("unary_bcast", {cb, tileIndex(o, site), s}, {kConst(dim)}));
    return;
  }
  case OperandKind::Transposed: {
    KExpr cb = kName(o.cb->name);
    noteFamily("unary", *o.cb, *o.cb);
    inits_.ensure(out, "transpose:" + o.cb->name, kCall("transpose_init", {cb}));
    out.push_back(kCall("transpose_tile", {cb, tileIndex(o, site), s}));
    return;
  }
  case OperandKind::Constant:
    inits_.ensure(out, "fill", kCall("fill_tile_init"));
    out.push_back(kCall("fill_tile", {s, kFloat(o.value)}));
    return;
  case OperandKind::None:
    break;
  }
}

void ExprTensorizer::emitUnary(const std::string &fn, const TileSite &, const KExpr &s, KBody &out,
                               const Expr &where) {
  if (fn == "neg") { // Unary minus: an SFPU op of its own, not a math intrinsic
    emitSfpuOp("negative", s, out);
    return;
  }
  const ir::Intrinsic *in = ir::findIntrinsic(fn);
  if (!in || in->ttSfpu.empty())
    fail(where->loc, "T." + fn + " has no Tenstorrent SFPU lowering (supported: " +
                         ir::pythonIntrinsicList([](const ir::Intrinsic &i) { return !i.ttSfpu.empty(); }) +
                         ", max/min)");
  emitSfpuOp(std::string(in->ttSfpu), s, out);
  if (in->ttScale != 0.0) {
    inits_.ensure(out, "scalar", kCall("binop_with_scalar_tile_init"));
    out.push_back(kCall("mul_unary_tile", {s, kFloatBits(in->ttScale)}));
  }
}

// <op>_tile on DST tile s, after its init (once per init group).
void ExprTensorizer::emitSfpuOp(const std::string &op, const KExpr &s, KBody &out) {
  inits_.ensure(out, "sfpu:" + op, kCall(op + "_tile_init"));
  out.push_back(kCall(op + "_tile", {s}));
}

bool ExprTensorizer::emitFpuBinary(const Binary &b, const TileSite &site, const KExpr &s, KBody &out) {
  Operand oa = classify(b.a), ob = classify(b.b);
  if (oa.kind != OperandKind::Tile)
    std::swap(oa, ob); // commuted (add/mul with the vector first)
  std::string op = eltwiseName(b.op);
  KExpr cbA = kName(oa.cb->name), cbB = kName(ob.cb->name);
  noteFamily("binary", *oa.cb, *ob.cb);
  if (ob.kind == OperandKind::Tile) {
    inits_.ensure(out, "eltwise:" + op + oa.cb->name + ob.cb->name, kCall(op + "_tiles_init", {cbA, cbB}));
    out.push_back(kCall(op + "_tiles", {cbA, cbB, tileIndex(oa, site), tileIndex(ob, site), s}));
    return true;
  }
  std::string dim = ob.kind == OperandKind::RowVector   ? "rows"
                    : ob.kind == OperandKind::ColVector ? "cols"
                                                        : "scalar";
  inits_.ensure(out, "bcast:" + op + dim + oa.cb->name + ob.cb->name,
                kCall(op + "_bcast_" + dim + "_init_short", {cbA, cbB, outCb_}));
  out.push_back(kCall(op + "_tiles_bcast_" + dim, {cbA, cbB, tileIndex(oa, site), tileIndex(ob, site), s}));
  return true;
}

bool ExprTensorizer::emitScalarBinary(const Binary &b, const TileSite &site, const KExpr &s, KBody &out) {
  auto ca = constantOf(b.a), cb = constantOf(b.b);
  const Expr &other = cb ? b.a : b.b;
  double c = cb ? *cb : *ca;
  emit(other, site, s, out);
  std::string fn;
  switch (b.op) {
  case BinaryOp::Add: fn = "add_unary_tile"; break;
  case BinaryOp::Mul: fn = "mul_unary_tile"; break;
  case BinaryOp::Sub: fn = cb ? "sub_unary_tile" : "rsub_unary_tile"; break;
  case BinaryOp::Div:
    fn = "mul_unary_tile"; // x / c = x * (1/c)
    c = 1.0 / c;
    break;
  default: return false;
  }
  inits_.ensure(out, "scalar", kCall("binop_with_scalar_tile_init"));
  out.push_back(kCall(fn, {s, kFloatBits(c)}));
  return true;
}

void ExprTensorizer::emitSfpuBinary(const Binary &b, const TileSite &site, const KExpr &s, KBody &out) {
  std::string fn;
  switch (b.op) {
  case BinaryOp::Add: fn = "add_binary_tile"; break;
  case BinaryOp::Sub: fn = "sub_binary_tile"; break;
  case BinaryOp::Mul: fn = "mul_binary_tile"; break;
  case BinaryOp::Div: fn = "div_binary_tile"; break;
  case BinaryOp::Max: fn = "binary_max_tile"; break;
  case BinaryOp::Min: fn = "binary_min_tile"; break;
  default:
    fail(b.loc, std::string("the operator '") + binaryOpSymbol(b.op) +
                    "' has no Tenstorrent tile lowering (supported: + - * / max min)");
  }
  KExpr next = add(s, 1);
  emit(b.a, site, s, out);
  emit(b.b, site, next, out);
  inits_.ensure(out, "sfpu:" + fn, kCall(fn + "_init"));
  out.push_back(kCall(fn, {s, next, s}));
}

void ExprTensorizer::emit(const Expr &e, const TileSite &site, const KExpr &s, KBody &out) {
  const Expr &x = stripCast(e);
  if (!isFloat(e->dtype) && e->as<Cast>())
    fail(e->loc, "casts to integer types are not supported on Tenstorrent tiles");
  Operand o = classify(x);
  if (o.kind != OperandKind::None) {
    loadOperand(o, site, s, out);
    return;
  }
  if (auto *u = x->as<Unary>()) {
    if (u->op != UnaryOp::Neg)
      fail(u->loc, "logical 'not' has no Tenstorrent tile lowering");
    emit(u->a, site, s, out);
    emitUnary("neg", site, s, out, x);
    return;
  }
  if (auto *c = x->as<Call>()) {
    if (c->args.size() != 1)
      fail(c->loc, "T." + c->name + " with " + std::to_string(c->args.size()) +
                       " arguments has no Tenstorrent tile lowering");
    emit(c->args[0], site, s, out);
    emitUnary(c->name, site, s, out, x);
    return;
  }
  if (auto *b = x->as<Binary>()) {
    Operand oa = classify(b->a), ob = classify(b->b);
    auto ca = constantOf(b->a), cb = constantOf(b->b);
    Strategy strat = chooseBinary(*b, fpuDirect(oa), fpuDirect(ob), oa.kind == OperandKind::Tile,
                                  ob.kind == OperandKind::Tile, isVector(oa), isVector(ob), ca, cb);
    switch (strat) {
    case Strategy::FpuBoth:
      emitFpuBinary(*b, site, s, out);
      return;
    case Strategy::ReuseA:
    case Strategy::ReuseB: {
      bool reuseA = strat == Strategy::ReuseA;
      const Operand &cbOperand = reuseA ? ob : oa;
      emit(reuseA ? b->a : b->b, site, s, out);
      KConst op = eltwiseEnum(b->op), reuse = reuseA ? KConst::DestToSrcA : KConst::DestToSrcB;
      std::vector<KExpr> tmpl = {kConst(op), kConst(reuse)};
      KExpr cb = kName(cbOperand.cb->name);
      inits_.ensure(out, std::string("reuse:") + constSpelling(op) + constSpelling(reuse) + cbOperand.cb->name,
                    kCall("binary_dest_reuse_tiles_init", {cb}, tmpl));
      out.push_back(kCall("binary_dest_reuse_tiles", {cb, tileIndex(cbOperand, site), s}, tmpl));
      return;
    }
    case Strategy::Scalar:
      emitScalarBinary(*b, site, s, out);
      return;
    case Strategy::Relu:
      emit(cb ? b->a : b->b, site, s, out);
      emitUnary("relu", site, s, out, x);
      return;
    case Strategy::Sfpu:
      emitSfpuBinary(*b, site, s, out);
      return;
    }
  }
  if (auto *l = x->as<Load>())
    fail(l->loc, "this read of '" + l->buffer->name + "' (" + printExpr(x) +
                     ") is not the same element, a row or a column of the tile being computed; it has no "
                     "Tenstorrent lowering");
  fail(x->loc, "the expression " + printExpr(x) + " has no Tenstorrent tile lowering");
}

} // namespace tilec::tt
