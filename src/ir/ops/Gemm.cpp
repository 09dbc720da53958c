#include "ir/ops/Gemm.h"

#include "ir/IR.h"
#include "ir/Printer.h"
#include "ir/ops/Extents.h"
#include "ir/ops/Loops.h"

namespace tilec::ir {

std::vector<Operand> Gemm::operands() const {
  return {{&a, true, false}, {&b, true, false}, {&c, !clearAccum, true}};
}

Stmt Gemm::rebuild(std::vector<Region> regions, std::vector<Expr>) const {
  return std::make_shared<Gemm>(std::move(regions[0]), std::move(regions[1]), std::move(regions[2]), transposeA,
                                transposeB, clearAccum, loc);
}

namespace {

SourceLoc at(const SourceLoc &preferred, const SourceLoc &fallback) {
  return preferred.valid() ? preferred : fallback;
}

void checkScopes(const Gemm &g) {
  for (const Region *r : {&g.a, &g.b}) {
    Scope s = r->buffer->scope;
    if (s != Scope::Shared && s != Scope::Fragment)
      fail(at(r->loc, g.loc), std::string("gemm operand ") + (r == &g.a ? "A" : "B") + " (" + r->buffer->name +
                                  ") is a " + scopeName(s) +
                                  " buffer; gemm reads shared or fragment tiles (T.copy it into a "
                                  "T.alloc_shared tile first)");
  }
  Scope c = g.c.buffer->scope;
  if (c != Scope::Fragment && c != Scope::Local)
    fail(at(g.c.loc, g.loc), "gemm accumulator C (" + g.c.buffer->name + ") is a " + scopeName(c) +
                                 " buffer; gemm accumulates into a T.alloc_fragment or "
                                 "T.alloc_local tile");
}

// op(A) is M x K, op(B) is K x N, C is M x N.
void checkShapes(const Gemm &g) {
  auto a = matrixViewExtents(g.a.extents), b = matrixViewExtents(g.b.extents), c = matrixViewExtents(g.c.extents);
  const char *names[] = {"A", "B", "C"};
  const Region *regions[] = {&g.a, &g.b, &g.c};
  const std::optional<std::vector<Expr>> *views[] = {&a, &b, &c};
  for (int i = 0; i < 3; ++i)
    if (!*views[i])
      fail(at(regions[i]->loc, g.loc), std::string("gemm operand ") + names[i] + " (" + regions[i]->buffer->name +
                                           ") is " + tupleText(regions[i]->extents) +
                                           "; gemm operands must be 2-D tiles");
  Expr m = (*a)[g.transposeA ? 1 : 0], ka = (*a)[g.transposeA ? 0 : 1];
  Expr kb = (*b)[g.transposeB ? 1 : 0], n = (*b)[g.transposeB ? 0 : 1];
  auto mismatch = [&](const char *dim, const char *x, const std::vector<Expr> &xs, const char *y,
                      const std::vector<Expr> &ys) {
    fail(g.loc, std::string("gemm ") + dim + " mismatch: " + x + " is " + tupleText(xs) + " but " + y + " is " +
                    tupleText(ys) + (g.transposeA ? " (A transposed)" : "") + (g.transposeB ? " (B transposed)" : "") +
                    "; gemm computes C[M, N] += A[M, K] @ B[K, N]");
  };
  if (!sameExtent(ka, kb))
    mismatch("K", "A", *a, "B", *b);
  if (!sameExtent(m, (*c)[0]))
    mismatch("M", "A", *a, "C", *c);
  if (!sameExtent(n, (*c)[1]))
    mismatch("N", "B", *b, "C", *c);
}

} // namespace

void Gemm::verify(RegionChecker &checker) const {
  checker.checkRegion(a, loc, "gemm A");
  checker.checkRegion(b, loc, "gemm B");
  checker.checkRegion(c, loc, "gemm C");
  checkScopes(*this);
  checkShapes(*this);
}

// Parallel i, j; Serial k: C = C + cast(A) * cast(B), all in C's dtype.
Stmt Gemm::expand(ScratchTiles &) const {
  checkExpandable(a, "gemm A", loc);
  checkExpandable(b, "gemm B", loc);
  checkExpandable(c, "gemm C", loc);
  auto av = matrixDims(a, "gemm A", loc), bv = matrixDims(b, "gemm B", loc), cv = matrixDims(c, "gemm C", loc);
  Expr m = viewExtent(c, cv[0]), n = viewExtent(c, cv[1]);
  Expr k = viewExtent(a, av[transposeA ? 0 : 1]), am = viewExtent(a, av[transposeA ? 1 : 0]);
  Expr bk = viewExtent(b, bv[transposeB ? 1 : 0]), bn = viewExtent(b, bv[transposeB ? 0 : 1]);
  if (staticallyDifferent(am, m) || staticallyDifferent(bk, k) || staticallyDifferent(bn, n))
    fail(loc, "gemm shape mismatch between '" + a.buffer->name + "', '" + b.buffer->name + "' and '" +
                  c.buffer->name + "'");
  Var i = var("gemm_i", DType::Int32, loc), j = var("gemm_j", DType::Int32, loc),
      kk = var("gemm_k", DType::Int32, loc);
  DType t = c.buffer->dtype;
  std::vector<Expr> cIdx = matrixIndex(c, cv, i, j);
  Expr aVal = load(a.buffer, transposeA ? matrixIndex(a, av, kk, i) : matrixIndex(a, av, i, kk), loc);
  Expr bVal = load(b.buffer, transposeB ? matrixIndex(b, bv, j, kk) : matrixIndex(b, bv, kk, j), loc);
  Expr product = binaryIn(t, BinaryOp::Mul, castTo(t, aVal), castTo(t, bVal));
  Expr sum = binaryIn(t, BinaryOp::Add, load(c.buffer, cIdx, loc), product);
  Stmt kLoop =
      std::make_shared<For>(kk, intImm(0), k, ForKind::Serial, std::make_shared<Store>(c.buffer, cIdx, sum, loc), loc);
  Stmt body = kLoop;
  if (clearAccum)
    body = seq({std::make_shared<Store>(c.buffer, cIdx, zeroOf(t), loc), kLoop}, loc);
  return loopNest(body, {i, j}, {m, n}, ForKind::Parallel, loc);
}

std::string Gemm::print() const {
  std::string flags;
  if (transposeA) flags += ", transpose_A";
  if (transposeB) flags += ", transpose_B";
  if (clearAccum) flags += ", clear_accum";
  return "gemm(" + printRegion(a) + ", " + printRegion(b) + " -> " + printRegion(c) + flags + ")";
}

} // namespace tilec::ir
