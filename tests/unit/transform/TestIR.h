// Small builders for hand-written Tile IR in the transform unit tests.
#pragma once

#include "ir/IR.h"
#include "ir/Printer.h"

#include <string>
#include <vector>

namespace tilec::testir {

using namespace ir;

inline Expr c(int64_t v) { return intImm(v); }
inline Expr f32(double v) { return floatImm(v); }
inline Expr bin(BinaryOp op, Expr a, Expr b) { return binary(op, std::move(a), std::move(b)); }
inline Expr fdiv(Expr a, Expr b) { return bin(BinaryOp::FloorDiv, std::move(a), std::move(b)); }
inline Expr fmod(Expr a, Expr b) { return bin(BinaryOp::FloorMod, std::move(a), std::move(b)); }

inline Buffer buffer(std::string name, std::vector<Expr> shape, DType t = DType::Float16,
                     Scope s = Scope::Global) {
  return std::make_shared<BufferNode>(std::move(name), std::move(shape), t, s);
}
inline Buffer tile(std::string name, std::vector<int64_t> shape, Scope s = Scope::Shared,
                   DType t = DType::Float16) {
  std::vector<Expr> dims;
  for (int64_t d : shape)
    dims.push_back(c(d));
  return buffer(std::move(name), std::move(dims), t, s);
}

inline Expr ld(const Buffer &b, std::vector<Expr> idx) { return load(b, std::move(idx)); }
inline Stmt st(const Buffer &b, std::vector<Expr> idx, Expr v) {
  return std::make_shared<Store>(b, std::move(idx), std::move(v));
}
inline Stmt loop(const Var &v, Expr extent, Stmt body, ForKind k = ForKind::Parallel) {
  return std::make_shared<For>(v, c(0), std::move(extent), k, std::move(body));
}
inline Stmt par(const Var &v, int64_t extent, Stmt body) { return loop(v, c(extent), std::move(body)); }
inline Stmt par2(const Var &i, const Var &j, int64_t ei, int64_t ej, Stmt body) {
  return par(i, ei, par(j, ej, std::move(body)));
}
inline Region region(const Buffer &b, std::vector<Expr> starts, std::vector<Expr> extents = {}) {
  return Region{b, std::move(starts), std::move(extents), {}};
}

// A kernel around `body` with the given buffers; grid from block vars (extent 4 each).
inline PrimFunc kernel(std::vector<Buffer> params, std::vector<Buffer> allocs, Stmt body,
                       std::vector<Var> blockVars = {}) {
  PrimFunc f;
  f.name = "k";
  f.params = std::move(params);
  f.allocs = std::move(allocs);
  f.blockVars = std::move(blockVars);
  for (size_t i = 0; i < f.blockVars.size(); ++i)
    f.grid.push_back(c(4));
  if (f.grid.empty()) {
    f.grid.push_back(c(1));
    f.blockVars.push_back(var("bx"));
  }
  f.body = std::move(body);
  return f;
}

inline std::string body(const PrimFunc &f) { return printStmt(f.body); }

} // namespace tilec::testir
