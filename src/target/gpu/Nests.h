// Parallel nests: the unit of work that GPU lowering spreads over a block's threads.
//
// A `T.Parallel` loop nest is one; so is every element-wise tile op (copy, fill, map, and the
// scalar forms of gemm and reduce), which its own file gpu/ops/<Op>.cpp rewrites into the
// equivalent nest with the helpers below, so that one piece of code decides how elements map to
// threads. Layout inference and lowering both look at nests through these functions and
// therefore agree on which fragment "drives" a nest.
#pragma once

#include "ir/IR.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tilec::gpu {

struct ParallelNest {
  std::vector<ir::Var> vars;
  std::vector<int64_t> extents;
  std::vector<ir::Expr> mins;
  std::vector<bool> threaded; // spread over threads (appears in every store); others run serially
  ir::Stmt body;
  std::string what; // for the comment above the generated code
  SourceLoc loc;    // the loop or tile op it came from (for diagnostics)
};

struct Access {
  ir::Buffer buffer;
  std::vector<ir::Expr> indices;
  bool store;
  bool atomic = false; // part of an atomic store's read-modify-write
  SourceLoc loc = {};
};

// The chain of perfectly nested Parallel loops starting at `outer`.
ParallelNest nestFromFor(const ir::For &outer);

// Building a tile op's nest (the ops' own nestFrom<Op> are declared in gpu/ops/Ops.h):
// A nest over a box of `shape` from 0, with fresh variables i, j, k, l...; no body yet.
ParallelNest boxNest(const std::vector<int64_t> &shape, const std::string &what);
std::vector<ir::Expr> asExprs(const std::vector<ir::Var> &vs);
// A loop of extent 1 runs once at its min: its variable is replaced by the min.
void dropUnitLoops(ParallelNest &n);
// Marks as threaded the loop variables that index every store (call once the body is set).
void markThreaded(ParallelNest &n);

// Loads and stores in a statement, in program order.
std::vector<Access> accessesIn(const ir::Stmt &body);
// Whether two accesses of same-rank tiles address the same element in every iteration (see
// sameCoordinate in Layout.h: the same loop variables, or index 0 of unit dimensions).
bool sameElement(const Access &a, const Access &b);
// The access a nest's thread mapping follows: the first store, else the first load, of a buffer
// for which `distributed` is true whose indices are exactly the threaded loop variables (each a
// bare variable with min 0 and extent equal to the buffer's dimension; unit dimensions of the
// buffer may be indexed at 0 instead). -1 when there is none.
int pickDriver(const ParallelNest &n, const std::vector<Access> &acc,
               const std::function<bool(const ir::Buffer &)> &distributed);

// ---- 128-bit global accesses (VectorNest.cpp)
// The largest power of two known to divide `e` (for vector alignment).
int64_t knownMultiple(const ir::Expr &e);
// The body as straight-line, non-atomic stores with its lets substituted (the substituted
// statements are kept alive in `keep`); nullopt for anything else (ifs, loops, barriers).
std::optional<std::vector<const ir::Store *>> straightStores(const ir::Stmt &s, std::vector<ir::Stmt> &keep);
// The global loads of an expression, in evaluation order.
std::vector<const ir::Load *> globalLoads(const ir::Expr &e);
// The loads of an expression from tiles `inMemory` says are memory, in evaluation order.
std::vector<const ir::Load *> memoryLoads(const ir::Expr &e, const std::function<bool(const ir::Buffer &)> &inMemory);
// Which tiles are addressed memory (global tensors, shared tiles, promoted fragments) rather
// than registers: the accesses a run moves with vector instructions.
using InMemory = std::function<bool(const ir::Buffer &)>;
// The longest run (a power of two, at most `limit` and 16 bytes of any element) of consecutive
// values of loop variable `j` that every memory access of nest `n` can move with one vector
// instruction: an access indexed `base + j` innermost (base a known multiple of the run, a
// constant row length a multiple of it; a symbolic one is checked at run time), or one that does
// not depend on `j` at all (read once per run). 1 when the body is not straight-line stores, the
// nest has serial loops, an access depends on `j` any other way, or a memory tile is both loaded
// and stored (a vector load would run ahead of the store it must see). `limit` when no memory
// access depends on j.
int runLengthOf(const ParallelNest &n, const ir::VarNode *j, int limit, const InMemory &inMemory);
// Whether nest `n` over a fragment laid out in runs of `vec` columns indexed by `j` moves its
// memory data a whole run at a time: runLengthOf allows `vec`, and
// some memory access depends on j (otherwise registers are all it touches).
bool movesInRuns(const ParallelNest &n, const ir::VarNode *j, int vec, const InMemory &inMemory);
// Whether an index of access `a` depends on loop variable `j`.
bool indexesAlong(const Access &a, const ir::VarNode *j);
// Whether some access of nest `n` to memory of scope `scope` depends on loop variable `j`.
bool accessesAlong(const ParallelNest &n, const ir::VarNode *j, ir::Scope scope);

// The matrix a gemm / reduce operand is (ir/MatrixView.h, the rule every layer shares): the region's
// dimensions of extent > 1, topped up to two with its innermost unit dimensions, so a [1, N]
// region is a 1 x N matrix and a 1-D region one row. `row` / `col` are buffer dimensions (-1:
// none, extent 1). More than two dimensions of extent > 1 is a located error.
struct MatrixView {
  int row = -1, col = -1;
  int64_t rows = 1, cols = 1;
};
MatrixView matrixView(const ir::Region &r, const char *role, SourceLoc loc);
// Buffer indices of element (row, col) of a region seen as `m`.
std::vector<ir::Expr> matrixIndices(const ir::Region &r, const MatrixView &m, const ir::Expr &row,
                                    const ir::Expr &col);
// Buffer indices of a region for op coordinates `coords` (one per non-unit extent).
std::vector<ir::Expr> regionIndices(const ir::Region &r, const std::vector<ir::Expr> &coords);

} // namespace tilec::gpu
