// Tile IR: TileLang's level of abstraction.
//
// A PrimFunc is one kernel: global tensor parameters, symbolic sizes, a grid of blocks, the tiles
// it allocates (shared / fragment / local), and a body of loops, scalar statements and tile ops.
// The nodes are in ir/Nodes.h; each tile op has its home in ir/ops/ (listed in ir/ops/TileOps.def).
#pragma once

#include "ir/Nodes.h"
#include "ir/ops/Copy.h"
#include "ir/ops/Fill.h"
#include "ir/ops/Gemm.h"
#include "ir/ops/Map.h"
#include "ir/ops/Reduce.h"

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tilec::ir {

// ---------------------------------------------------------------------------------------------
// Kernels

// An annotation value recorded from decorators such as @annotate_tt_schedule(...): a small JSON-
// like tree of scalars, strings, lists and string-keyed dicts.
struct AnnotationValue {
  using List = std::vector<AnnotationValue>;
  using Dict = std::map<std::string, AnnotationValue>;
  std::variant<std::monostate, int64_t, double, bool, std::string, List, Dict> value;
  std::string toString() const; // Python-like rendering
};

struct PrimFunc {
  std::string name;
  SourceLoc loc;
  std::vector<Buffer> params;     // global tensors, in signature order
  size_t emptyOutputs = 0;        // the trailing params an eager kernel makes with T.empty
  std::vector<Var> sizeVars;      // symbolic sizes the kernel depends on (free names left unbound)
  std::vector<Expr> grid;         // T.Kernel extents (1 to 3)
  std::vector<Var> blockVars;     // bx, by, bz bound to the grid (same length as grid)
  int threads = 128;              // GPU block size (T.Kernel threads=)
  std::vector<Buffer> allocs;     // tiles allocated inside the kernel, in order of appearance
  Stmt body;
  // Decorator name -> keyword arguments (positional ones under "_0", "_1", ...), e.g.
  // {"annotate_tt_schedule": {"policy": "contiguous", ...}}.
  std::map<std::string, AnnotationValue::Dict> annotations;
};
using PrimFuncPtr = std::shared_ptr<PrimFunc>;

// ---------------------------------------------------------------------------------------------
// Construction helpers (dtype inference follows TileLang: int op int -> int32/int64, anything op
// float -> the float's dtype, comparisons -> bool).

Expr intImm(int64_t v, SourceLoc l = {});
Expr floatImm(double v, DType t = DType::Float32, SourceLoc l = {});
Var var(std::string name, DType t = DType::Int32, SourceLoc l = {});
Expr binary(BinaryOp op, Expr a, Expr b, SourceLoc l = {});
Expr add(Expr a, Expr b);
Expr sub(Expr a, Expr b);
Expr mul(Expr a, Expr b);
Expr load(Buffer b, std::vector<Expr> indices, SourceLoc l = {});
Stmt seq(std::vector<Stmt> stmts, SourceLoc l = {}); // flattens nested Seqs; one stmt -> itself
// The common result dtype of a binary arithmetic op on a and b.
DType promote(DType a, DType b);
// The value an atomic store leaves in an element of type `t` that held `old` (both interpreters
// use it, so they agree): the operand rounded to `t`, combined, rounded again.
double applyAtomic(AtomicOp op, double old, double value, DType t);

// Constant value of an expression if it is an IntImm (after simplification it usually is).
std::optional<int64_t> asConstInt(const Expr &e);
// Static shape of a buffer if every dimension is constant.
std::optional<std::vector<int64_t>> constShape(const Buffer &b);

} // namespace tilec::ir
