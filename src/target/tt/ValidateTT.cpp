// Validation: what the Tenstorrent backend cannot lower is rejected here, at the construct, with
// the reason — never a kernel that hangs or computes garbage.
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include "ir/Accesses.h"
#include "ir/Functor.h"
#include "ir/Printer.h"

#include <fmt/format.h>

namespace tilec::tt {

using namespace ir;

namespace {

void checkDType(DType t, SourceLoc loc, const std::string &what) {
  if (movableOnTT(t))
    return;
  fail(loc, fmt::format("{} has dtype {}; the Tenstorrent backend moves bfloat16, float16, float32, int32, "
                        "uint32, int8 and bool tensors and computes on the float ones",
                        what, dtypeName(t)));
}

// Integer tiles are moved, never computed on: every tile op but a copy between a tensor and a
// tile of the same dtype would need the SFPU's integer ops (or an int <-> float typecast), which
// tilec does not emit yet.
void checkComputesOnFloat(const TileOp &op, const std::string &what) {
  std::vector<Buffer> touched;
  for (const Operand &o : op.operands())
    touched.push_back(o.region->buffer);
  for (const Expr &v : op.values()) // a map's value loads tiles that are not operand regions
    for (const Access &a : accessesOf(v))
      touched.push_back(a.buffer);
  for (const Buffer &b : touched)
    if (!supportedOnTT(b->dtype))
      fail(op.loc, fmt::format("this {} computes on '{}' of dtype {}; the Tenstorrent backend moves integer "
                               "tensors between DRAM and tiles (T.copy of the same dtype) but computes only "
                               "on bfloat16, float16 and float32 tiles",
                               what, b->name, dtypeName(b->dtype)));
}

class Validator : public IRVisitor {
protected:
  void visitStore(const Store &s) override {
    fail(s.loc, "this store to '" + s.buffer->name +
                    "' is element-wise code that could not be raised to a tile op; the Tenstorrent "
                    "backend needs whole-tile operations (T.copy, T.gemm, T.fill, T.reduce_*, or a "
                    "T.Parallel element-wise expression over a tile)");
  }
  void visitFor(const For &s) override {
    if (s.forKind == ForKind::Parallel)
      fail(s.loc, "this T.Parallel loop could not be raised to a tile op, so it has no Tenstorrent "
                  "lowering");
    IRVisitor::visitFor(s);
  }
  void visitWhile(const While &s) override {
    fail(s.loc, "a run-time while loop has no Tenstorrent lowering (the core's loops have trip counts "
                "known when the kernel starts); loop with T.serial over a bound instead");
  }
  // An `if` whose condition reads no buffer (block indices, loop variables, lets, sizes) takes
  // the same branch in the reader, compute and writer of a block, which all evaluate it; one that
  // reads a tensor or tile would need its value in all three.
  void visitIf(const If &s) override {
    if (!accessesOf(s.cond).empty())
      fail(s.loc, "data-dependent control flow inside a Tenstorrent kernel is not supported: this condition "
                  "reads a tensor or tile (" + printExpr(s.cond) + "); conditions on block indices, loop "
                  "variables and sizes are");
    IRVisitor::visitIf(s);
  }
  void visitReduce(const Reduce &r) override {
    if (r.src.buffer->rank() != 1 && r.src.buffer->rank() != 2)
      fail(r.loc, "Tenstorrent reductions take a 1-D or 2-D tile");
    checkComputesOnFloat(r, "reduction");
    IRVisitor::visitReduce(r);
  }
  void visitMap(const Map &m) override {
    checkComputesOnFloat(m, "element-wise operation");
    IRVisitor::visitMap(m);
  }
  void visitGemm(const Gemm &g) override {
    checkComputesOnFloat(g, "T.gemm");
    IRVisitor::visitGemm(g);
  }
  void visitFill(const Fill &f) override {
    checkComputesOnFloat(f, "T.fill");
    IRVisitor::visitFill(f);
  }
  void visitCopy(const Copy &c) override {
    bool moves = (c.src.buffer->scope == Scope::Global) != (c.dst.buffer->scope == Scope::Global) &&
                 c.src.buffer->dtype == c.dst.buffer->dtype;
    // An integer tensor read into a float32 tile: the reader widens it (widen-integer-tiles).
    moves |= c.src.buffer->scope == Scope::Global && c.dst.buffer->scope != Scope::Global &&
             !isFloat(c.src.buffer->dtype) && c.dst.buffer->dtype == DType::Float32;
    if (!moves)
      checkComputesOnFloat(c, "T.copy");
    IRVisitor::visitCopy(c);
  }
};

// Looked for before anything else, so that a kernel with atomics is told about them rather than
// about the T.Parallel nest around them.
class AtomicFinder : public IRVisitor {
protected:
  void visitStore(const Store &s) override {
    if (s.isAtomic())
      fail(s.loc, fmt::format("T.{} is not supported on the Tenstorrent backend: TT-Metalium has no "
                              "atomic read-modify-write on DRAM tensors; reduce across cores by "
                              "other means (e.g. a split-K partial tensor per K slice, summed by a "
                              "second kernel), or use a GPU target",
                              atomicOpName(s.atomic)));
    IRVisitor::visitStore(s);
  }
};

} // namespace

void validateForTT(const PrimFunc &f) {
  for (const Buffer &b : f.params) {
    checkDType(b->dtype, b->loc, "tensor '" + b->name + "'");
    if (b->rank() < 1)
      fail(b->loc, "tensor '" + b->name + "' must have at least one dimension");
  }
  for (const Buffer &b : f.allocs) {
    checkDType(b->dtype, b->loc, "tile '" + b->name + "'");
    tileGrid(b); // shapes: constant, multiples of 32, 1-D or 2-D
  }
  if (f.grid.empty() || f.grid.size() > 3)
    fail(f.loc, "a Tenstorrent kernel needs a T.Kernel grid of 1 to 3 dimensions");
  AtomicFinder atomics;
  atomics.visit(f.body);
  Validator v;
  v.visit(f.body);
  // Sizes that are not multiples of 32 need no check here: the host pads tensors to whole tiles
  // with zeros and the reader zero-fills tiles past a tensor's edge, which is exactly what T.copy
  // reads outside its tensor (the reference interpreter's clipped copy), so a reduction over a
  // partial tile sees the same zeros on both sides.
}

} // namespace tilec::tt
