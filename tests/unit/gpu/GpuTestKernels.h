// Tile IR kernels built by hand for the GPU backend's tests (the front end is tested elsewhere).
#pragma once

#include "interp/Interpreter.h"
#include "ir/IR.h"
#include "target/gpu/Lower.h"
#include "target/gpu/SimtInterpreter.h"

#include <gtest/gtest.h>

namespace tilec::gpu::test {

using namespace ir;

inline Buffer buf(const std::string &name, std::vector<int64_t> shape, DType t, Scope s) {
  std::vector<Expr> dims;
  for (int64_t d : shape)
    dims.push_back(intImm(d));
  return std::make_shared<BufferNode>(name, dims, t, s);
}

inline Region region(const Buffer &b, std::vector<Expr> starts, std::vector<int64_t> extents) {
  Region r{b, std::move(starts), {}, {}};
  for (int64_t e : extents)
    r.extents.push_back(intImm(e));
  return r;
}

inline Stmt parallel(const Var &v, int64_t n, Stmt body) {
  return std::make_shared<For>(v, intImm(0), intImm(n), ForKind::Parallel, std::move(body));
}

inline Stmt store(const Buffer &b, std::vector<Expr> idx, Expr v) {
  return std::make_shared<Store>(b, std::move(idx), std::move(v));
}

inline PrimFuncPtr kernel(std::string name, std::vector<Buffer> params, std::vector<int64_t> grid,
                          std::vector<Buffer> allocs, std::vector<Var> blockVars, Stmt body, int threads = 128) {
  auto f = std::make_shared<PrimFunc>();
  f->name = std::move(name);
  f->params = std::move(params);
  for (int64_t g : grid)
    f->grid.push_back(intImm(g));
  f->blockVars = std::move(blockVars);
  f->allocs = std::move(allocs);
  f->body = std::move(body);
  f->threads = threads;
  return f;
}

// Runs the reference interpreter and the lowered kernel on the same inputs; expects a match.
inline void expectMatches(const PrimFunc &f, const GpuOptions &opts = {}) {
  Kernel k = lowerForGpu(f, opts);
  std::vector<interp::Tensor> ref = interp::makeInputs(f, {}, 7), got = ref;
  interp::run(f, ref, {});
  runSimt(k, got, {});
  for (int i : interp::outputParams(f)) {
    interp::Comparison c = interp::compare(ref[i], got[i]);
    EXPECT_TRUE(c.pass) << f.params[i]->name << ": max_abs_err=" << c.maxAbsError << " pcc=" << c.pcc;
  }
}

// C[M, N] = A[M, K] @ B[K, N] with block tiles bm x bn x bk, pipelined with `stages`; C in `out`
// (the fp32 accumulator converted by the final copy).
inline PrimFuncPtr gemmKernel(int64_t m, int64_t n, int64_t k, int64_t bm, int64_t bn, int64_t bk,
                              int stages, DType in = DType::Float16, bool transB = false, int threads = 128,
                              DType out = DType::Float32) {
  Buffer A = buf("A", {m, k}, in, Scope::Global);
  Buffer B = transB ? buf("B", {n, k}, in, Scope::Global) : buf("B", {k, n}, in, Scope::Global);
  Buffer C = buf("C", {m, n}, out, Scope::Global);
  Buffer As = buf("A_s", {bm, bk}, in, Scope::Shared);
  Buffer Bs = transB ? buf("B_s", {bn, bk}, in, Scope::Shared) : buf("B_s", {bk, bn}, in, Scope::Shared);
  Buffer acc = buf("acc", {bm, bn}, DType::Float32, Scope::Fragment);
  Var bx = var("bx"), by = var("by"), ko = var("ko");
  Expr row0 = ir::mul(by, intImm(bm)), col0 = ir::mul(bx, intImm(bn)), k0 = ir::mul(ko, intImm(bk));
  Stmt copyA = std::make_shared<Copy>(region(A, {row0, k0}, {bm, bk}), region(As, {intImm(0), intImm(0)}, {bm, bk}));
  Stmt copyB = transB ? std::make_shared<Copy>(region(B, {col0, k0}, {bn, bk}), region(Bs, {intImm(0), intImm(0)}, {bn, bk}))
                      : std::make_shared<Copy>(region(B, {k0, col0}, {bk, bn}), region(Bs, {intImm(0), intImm(0)}, {bk, bn}));
  Stmt gemm = std::make_shared<Gemm>(fullRegion(As), fullRegion(Bs), fullRegion(acc), false, transB);
  Stmt loop = std::make_shared<For>(ko, intImm(0), intImm(k / bk), ForKind::Pipelined, seq({copyA, copyB, gemm}),
                                    SourceLoc{}, stages);
  Stmt body = seq({std::make_shared<Fill>(fullRegion(acc), floatImm(0)), loop,
                   std::make_shared<Copy>(fullRegion(acc), region(C, {row0, col0}, {bm, bn}))});
  return kernel("gemm", {A, B, C}, {(n + bn - 1) / bn, (m + bm - 1) / bm}, {As, Bs, acc}, {bx, by}, body, threads);
}

} // namespace tilec::gpu::test
