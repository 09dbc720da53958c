// The seed document's kernels (matmul, elementwise_add, reduce_sum, the shared-memory example) as the front end builds them,
// written by hand: scalar T.Parallel nests, `+=` spelled as `x = x + ...`.
#pragma once

#include "TestIR.h"

namespace tilec::testir {

// C[i, j] = C[i, j] + a * b   (the spelling of `C[i, j] += a * b`)
inline Stmt accumulate(const Buffer &cbuf, std::vector<Expr> idx, Expr a, Expr b) {
  return st(cbuf, idx, add(ld(cbuf, idx), mul(std::move(a), std::move(b))));
}

inline PrimFunc seedMatmul() {
  Var m = var("M"), n = var("N"), k = var("K"), bx = var("bx"), by = var("by");
  Buffer A = buffer("A", {m, k}), B = buffer("B", {k, n}), C = buffer("C", {m, n});
  Buffer At = tile("A_tile", {32, 32}), Bt = tile("B_tile", {32, 32});
  Buffer Ct = tile("C_tile", {32, 32}, Scope::Local);
  Var i = var("i"), j = var("j"), kk = var("kk"), ko = var("k");
  Var i2 = var("i"), j2 = var("j"), i3 = var("i"), j3 = var("j"), i4 = var("i"), j4 = var("j");
  Stmt body = seq({
      par2(i, j, 32, 32, st(Ct, {i, j}, f32(0.0))),
      loop(ko, fdiv(sub(add(k, c(32)), c(1)), c(32)),
           seq({par2(i2, j2, 32, 32,
                     seq({st(At, {i2, j2}, ld(A, {add(mul(by, c(32)), i2), add(mul(ko, c(32)), j2)})),
                          st(Bt, {i2, j2}, ld(B, {add(mul(ko, c(32)), i2), add(mul(bx, c(32)), j2)}))})),
                par(i3, 32, par(j3, 32, par(kk, 32, accumulate(Ct, {i3, j3}, ld(At, {i3, kk}),
                                                                ld(Bt, {kk, j3})))))}),
           ForKind::Pipelined),
      par2(i4, j4, 32, 32, st(C, {add(mul(by, c(32)), i4), add(mul(bx, c(32)), j4)}, ld(Ct, {i4, j4}))),
  });
  return kernel({A, B, C}, {At, Bt, Ct}, body, {bx, by});
}

inline PrimFunc seedElementwiseAdd() {
  Var m = var("M"), n = var("N"), bx = var("bx"), by = var("by"), i = var("i"), j = var("j");
  Buffer A = buffer("A", {m, n}), B = buffer("B", {m, n}), C = buffer("C", {m, n});
  auto idx = [&] { return std::vector<Expr>{add(mul(by, c(32)), i), add(mul(bx, c(32)), j)}; };
  return kernel({A, B, C}, {}, par2(i, j, 32, 32, st(C, idx(), add(ld(A, idx()), ld(B, idx())))),
                      {bx, by});
}

inline PrimFunc seedReduceSum() {
  Var m = var("M"), n = var("N"), bx = var("bx"), i = var("i"), j = var("j"), i2 = var("i"),
      i3 = var("i");
  Buffer A = buffer("A", {m, n}), B = buffer("B", {m});
  Buffer acc = tile("partial_sum", {32}, Scope::Local, DType::Float32);
  Stmt body = seq({
      par(i, 32, st(acc, {i}, f32(0.0))),
      loop(j, n, par(i2, 32, st(acc, {i2}, add(ld(acc, {i2}), ld(A, {add(mul(bx, c(32)), i2), j})))),
           ForKind::Serial),
      par(i3, 32, st(B, {add(mul(bx, c(32)), i3)}, ld(acc, {i3}))),
  });
  return kernel({A, B}, {acc}, body, {bx});
}

inline PrimFunc seedSharedMemory() {
  Var m = var("M"), n = var("N"), bx = var("bx"), by = var("by");
  Var i = var("i"), j = var("j"), i2 = var("i"), j2 = var("j");
  Buffer G = buffer("global_mem", {m, n}), O = buffer("out", {m, n});
  Buffer S = tile("shared_tile", {32, 32});
  auto gidx = [&](const Var &a, const Var &b) {
    return std::vector<Expr>{add(mul(by, c(32)), a), add(mul(bx, c(32)), b)};
  };
  Stmt body = seq({par2(i, j, 32, 32, st(S, {i, j}, ld(G, gidx(i, j)))),
                   std::make_shared<Sync>(),
                   par2(i2, j2, 32, 32, st(O, gidx(i2, j2), mul(ld(S, {i2, j2}), f32(2.0))))});
  return kernel({G, O}, {S}, body, {bx, by});
}

} // namespace tilec::testir
