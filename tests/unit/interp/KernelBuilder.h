// Helpers to write small Tile IR kernels by hand in the interpreter's unit tests.
#pragma once

#include "interp/Interpreter.h"
#include "ir/IR.h"
#include "transform/Passes.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace tilec::testing {

using namespace tilec::ir;

inline std::vector<Expr> dims(std::initializer_list<int64_t> shape) {
  std::vector<Expr> out;
  for (int64_t d : shape) out.push_back(intImm(d));
  return out;
}

inline Buffer buffer(std::string name, std::vector<Expr> shape, DType t = DType::Float32,
                     Scope scope = Scope::Global) {
  return std::make_shared<BufferNode>(std::move(name), std::move(shape), t, scope);
}

inline Buffer buffer(std::string name, std::initializer_list<int64_t> shape, DType t = DType::Float32,
                     Scope scope = Scope::Global) {
  return buffer(std::move(name), dims(shape), t, scope);
}

inline Stmt loop(const Var &v, Expr extent, Stmt body, ForKind kind = ForKind::Serial) {
  return std::make_shared<For>(v, intImm(0), std::move(extent), kind, std::move(body));
}
inline Stmt loop(const Var &v, int64_t extent, Stmt body, ForKind kind = ForKind::Serial) {
  return loop(v, intImm(extent), std::move(body), kind);
}

inline Stmt store(const Buffer &b, std::vector<Expr> idx, Expr value) {
  return std::make_shared<Store>(b, std::move(idx), std::move(value));
}

inline Region region(const Buffer &b, std::vector<Expr> starts, std::initializer_list<int64_t> extents) {
  Region r{b, std::move(starts), {}, {}};
  for (int64_t e : extents) r.extents.push_back(intImm(e));
  return r;
}

// A kernel with a grid (1-D by default: a single block) and the given params/allocs/body.
inline PrimFunc kernel(std::vector<Buffer> params, std::vector<Buffer> allocs, Stmt body,
                       std::vector<int64_t> grid = {1}, std::vector<Var> blockVars = {}) {
  PrimFunc f;
  f.name = "k";
  f.params = std::move(params);
  f.allocs = std::move(allocs);
  f.body = std::move(body);
  for (size_t d = 0; d < grid.size(); ++d) {
    f.grid.push_back(intImm(grid[d]));
    f.blockVars.push_back(d < blockVars.size() ? blockVars[d] : var("b" + std::to_string(d)));
  }
  return f;
}

// Runs `f` with its tile ops executed whole and again expanded to scalar loops, on the same
// inputs; returns {tile-op result, expanded result}.
struct BothPaths {
  std::vector<interp::Tensor> inputs, tiled, expanded;
};
inline BothPaths runBothPaths(const PrimFunc &f, uint64_t seed = 1, const interp::SizeBindings &sizes = {}) {
  BothPaths r;
  r.inputs = interp::makeInputs(f, sizes, seed);
  r.tiled = r.inputs;
  interp::run(f, r.tiled, sizes);
  PrimFunc scalar = f;
  transform::expandTileOps(scalar);
  r.expanded = r.inputs;
  interp::run(scalar, r.expanded, sizes);
  return r;
}

// Element (i, j) of a 2-D tensor.
inline double at(const interp::Tensor &t, int64_t i, int64_t j) { return t.data[i * t.shape[1] + j]; }

// The message of the CompileError `fn` throws ("" when it throws none).
template <class F> std::string errorOf(F fn) {
  try {
    fn();
  } catch (const CompileError &e) {
    return e.message();
  }
  return "";
}

} // namespace tilec::testing
