// T.reduce_* on the GPU. A row reduction of a register fragment laid out by rows (layout
// inference decides, reducesInRegisters) runs in registers: each thread combines the elements it
// holds of a row, then warp shuffles combine the threads that share the row. Any other reduction
// is the scalar nest of one thread per kept row.
#include "target/gpu/ops/Ops.h"

#include <fmt/format.h>

#include <cmath>

namespace tilec::gpu {

using namespace ir;
using sx::i32;

namespace {

Expr callAbs(const Expr &v) { return std::make_shared<Call>("abs", std::vector<Expr>{v}, v->dtype); }

// The identity of a reduction.
Expr reduceInit(ReduceKind k, DType t) {
  double v = 0;
  if (k == ReduceKind::Max)
    v = -INFINITY;
  if (k == ReduceKind::Min)
    v = INFINITY;
  if (isInt(t) && std::isinf(v))
    return intImm(v > 0 ? INT32_MAX : INT32_MIN);
  return floatImm(v, t);
}

// `acc` combined with one more value.
Expr reduceCombine(ReduceKind k, const Expr &acc, const Expr &value) {
  Expr v = sx::cast(acc->dtype, value);
  switch (k) {
  case ReduceKind::Sum: return binary(BinaryOp::Add, acc, v);
  case ReduceKind::AbsSum: return binary(BinaryOp::Add, acc, callAbs(v));
  case ReduceKind::Max: return binary(BinaryOp::Max, acc, v);
  case ReduceKind::AbsMax: return binary(BinaryOp::Max, acc, callAbs(v));
  case ReduceKind::Min: return binary(BinaryOp::Min, acc, v);
  }
  return acc;
}

// How partial results of different threads combine: the absolute value is taken once, on the
// elements, so partials are summed or maxed as they are.
ReduceKind acrossThreads(ReduceKind k) {
  if (k == ReduceKind::AbsSum)
    return ReduceKind::Sum;
  if (k == ReduceKind::AbsMax)
    return ReduceKind::Max;
  return k;
}

// The row's result `red` (in every thread that holds the row) written to the destination, row
// register `a`: straight into the destination's registers when it holds the same rows, else by
// one thread per row.
SStmt storeRowResult(SimtLowering &cx, const Reduce &r, const LayoutPtr &src, const Var &a, const Expr &red,
                     const StageIndex &stages) {
  ReduceKind across = acrossThreads(r.reduceKind);
  LayoutPtr dst = cx.layoutOf(r.dst.buffer);
  if (dst && dst->kind == Layout::Kind::RowVector && dst->rowKey() == src->rowKey()) {
    const Buffer &dregs = cx.simt(r.dst.buffer);
    Expr result = r.clear ? red : reduceCombine(across, sx::ld(dregs, {a}), red);
    return sstore(dregs, {a}, result);
  }
  Layout rows = *Layout::rowVector(src); // row register a of src is register a of its row vector
  Expr row = rows.element(cx.tx(), a)[0];
  std::vector<Expr> idx = regionIndices(r.dst, {row});
  Expr result = r.clear ? red : reduceCombine(across, cx.loadFrom(r.dst.buffer, idx, Place{stages}), red);
  Expr who = sx::land(rows.primary(cx.tx()), rows.valid(cx.tx(), a));
  return sif(who, cx.storeTo(r.dst.buffer, idx, result, Place{stages}));
}

SStmt lowerInRegisters(SimtLowering &cx, const Reduce &r, const LayoutPtr &src, const StageIndex &stages) {
  DType t = r.dst.buffer->dtype;
  Buffer red = cx.newScalarRegister(r.dst.buffer->name + "_red", t);
  const Buffer &srcRegs = cx.simt(r.src.buffer);
  Var a = var("a"), b = var("b");
  Expr redV = sx::ld(red, {});
  SStmt init = sstore(red, {}, reduceInit(r.reduceKind, t));
  SStmt partial = sfor(b, src->regsPerRow(), true,
                       sstore(red, {}, reduceCombine(r.reduceKind, redV, sx::ld(srcRegs, {src->regInRow(a, b)}))));
  std::vector<SStmt> steps{init, partial};
  for (int m : src->rowShuffleMasks())
    steps.push_back(sstore(red, {}, reduceCombine(acrossThreads(r.reduceKind), redV, sx::shflXor(redV, m))));
  steps.push_back(storeRowResult(cx, r, src, a, redV, stages));
  SStmt body = sfor(a, src->rowRegs(), true, sseq(steps));
  return std::make_shared<SOp>(fmt::format("T.reduce_{} {} -> {}: per-thread partials, then shuffles across {} lanes",
                                           reduceKindName(r.reduceKind), r.src.buffer->name, r.dst.buffer->name,
                                           src->lanesPerRow()),
                               body);
}

} // namespace

ParallelNest nestFromReduce(const Reduce &r) {
  MatrixView src = matrixView(r.src, "reduce source", r.loc);
  int64_t kept = r.dim == 1 ? src.rows : src.cols, reduced = r.dim == 1 ? src.cols : src.rows;
  ParallelNest n = boxNest({kept}, std::string("T.reduce_") + reduceKindName(r.reduceKind) + " " +
                                       r.src.buffer->name + " -> " + r.dst.buffer->name);
  DType t = r.dst.buffer->dtype;
  Buffer tmp = std::make_shared<BufferNode>(r.dst.buffer->name + "_red", std::vector<Expr>{}, t, Scope::Local);
  Var j = var("j");
  Expr i = n.vars[0];
  std::vector<Expr> srcIdx = r.dim == 1 ? matrixIndices(r.src, src, i, j) : matrixIndices(r.src, src, j, i);
  std::vector<Expr> dstIdx = regionIndices(r.dst, {i});
  Stmt init = std::make_shared<Store>(tmp, std::vector<Expr>{}, reduceInit(r.reduceKind, t), r.loc);
  Stmt step = std::make_shared<Store>(tmp, std::vector<Expr>{},
                                      reduceCombine(r.reduceKind, load(tmp, {}), load(r.src.buffer, srcIdx)), r.loc);
  Stmt loop = std::make_shared<For>(j, intImm(0), intImm(reduced), ForKind::Serial, step, r.loc);
  Expr result = r.clear ? load(tmp, {}) : reduceCombine(r.reduceKind, load(r.dst.buffer, dstIdx), load(tmp, {}));
  n.body = seq({init, loop, std::make_shared<Store>(r.dst.buffer, dstIdx, result, r.loc)});
  n.loc = r.loc;
  dropUnitLoops(n);
  markThreaded(n);
  return n;
}

SStmt lowerReduce(SimtLowering &cx, const Reduce &r, const StageIndex &stages) {
  LayoutPtr src = cx.layoutOf(r.src.buffer);
  if (!reducesInRegisters(r, src.get()))
    return cx.lowerNest(nestFromReduce(r), stages);
  return lowerInRegisters(cx, r, src, stages);
}

// Whether it runs in registers depends on the layouts: inference decides from the list.
void noteReduce(const Reduce &r, FragmentFacts &facts) {
  facts.reduces.push_back(&r);
  facts.addOperands(r);
}

} // namespace tilec::gpu
