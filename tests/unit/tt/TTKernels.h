// Tile IR of the kernels the TT unit tests lower, built by hand (what the front end and the common
// passes produce for the corresponding examples/tenstorrent/*.py).
#pragma once

#include "ir/IR.h"

#include <memory>

namespace tilec::tt::testing {

using namespace ir;

inline Region region(const Buffer &b, std::vector<Expr> starts, std::vector<int64_t> extents) {
  Region r{b, std::move(starts), {}, {}};
  for (int64_t e : extents)
    r.extents.push_back(intImm(e));
  return r;
}

inline Buffer tensor(const std::string &name, std::vector<int64_t> shape, DType t = DType::BFloat16) {
  std::vector<Expr> dims;
  for (int64_t d : shape)
    dims.push_back(intImm(d));
  return std::make_shared<BufferNode>(name, dims, t, Scope::Global);
}

inline Buffer tile(const std::string &name, std::vector<int64_t> shape, DType t = DType::BFloat16,
                   Scope s = Scope::Shared) {
  std::vector<Expr> dims;
  for (int64_t d : shape)
    dims.push_back(intImm(d));
  return std::make_shared<BufferNode>(name, dims, t, s);
}

// C[by*32 + i, bx*32 + j] = A[...] + B[...] over an (M, N) grid of 32x32 blocks.
inline std::shared_ptr<PrimFunc> elementwiseAdd(int64_t M, int64_t N, DType t = DType::BFloat16) {
  auto f = std::make_shared<PrimFunc>();
  f->name = "elementwise_add";
  Buffer A = tensor("A", {M, N}, t), B = tensor("B", {M, N}, t), C = tensor("C", {M, N}, t);
  f->params = {A, B, C};
  f->grid = {intImm(N / 32), intImm(M / 32)};
  Var bx = var("bx"), by = var("by"), i = var("i"), j = var("j");
  f->blockVars = {bx, by};
  Expr row = add(mul(by, intImm(32)), i), col = add(mul(bx, intImm(32)), j);
  Expr value = add(load(A, {row, col}), load(B, {row, col}));
  f->body = std::make_shared<Map>(std::vector<Var>{i, j}, region(C, {mul(by, intImm(32)), mul(bx, intImm(32))}, {32, 32}),
                                  value);
  return f;
}

// Blocked GEMM: C = A @ B with (bm, bn, bk) blocks, fp32 accumulation, T.Pipelined K loop.
inline std::shared_ptr<PrimFunc> gemm(int64_t M, int64_t N, int64_t K, int64_t bm, int64_t bn, int64_t bk,
                                      DType acc = DType::Float32, int stages = 2) {
  auto f = std::make_shared<PrimFunc>();
  f->name = "gemm";
  Buffer A = tensor("A", {M, K}), B = tensor("B", {K, N}), C = tensor("C", {M, N});
  f->params = {A, B, C};
  f->grid = {intImm(N / bn), intImm(M / bm)};
  Var bx = var("bx"), by = var("by"), k = var("k");
  f->blockVars = {bx, by};
  Buffer As = tile("A_shared", {bm, bk}), Bs = tile("B_shared", {bk, bn}),
         Cf = tile("C_local", {bm, bn}, acc, Scope::Fragment);
  f->allocs = {As, Bs, Cf};
  Stmt loopBody = seq({
      std::make_shared<Copy>(region(A, {mul(by, intImm(bm)), mul(k, intImm(bk))}, {bm, bk}), fullRegion(As)),
      std::make_shared<Copy>(region(B, {mul(k, intImm(bk)), mul(bx, intImm(bn))}, {bk, bn}), fullRegion(Bs)),
      std::make_shared<Gemm>(fullRegion(As), fullRegion(Bs), fullRegion(Cf), false, false),
  });
  f->body = seq({
      std::make_shared<Fill>(fullRegion(Cf), floatImm(0.0)),
      std::make_shared<For>(k, intImm(0), intImm(K / bk), ForKind::Pipelined, loopBody, SourceLoc{}, stages),
      std::make_shared<Copy>(fullRegion(Cf), region(C, {mul(by, intImm(bm)), mul(bx, intImm(bn))}, {bm, bn})),
  });
  return f;
}

} // namespace tilec::tt::testing
