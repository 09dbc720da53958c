// The Tile IR of one kernel while its body is being evaluated.
//
// The evaluator runs a `@T.prim_func` body like Python code; whatever reaches the kernel (a
// store, a tile op, a loop over T.Parallel) is emitted here. Statements collect in nested blocks:
// a loop or an `if` on a run-time condition opens a block for its body and closes it into one
// statement. A scalar bound to a value that reads memory becomes a LetStmt scoping over the rest
// of its block.
#pragma once

#include "frontend/Value.h"
#include "ir/IR.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tilec::frontend {

class KernelBuilder {
public:
  KernelBuilder(std::string name, SourceLoc loc);

  ir::PrimFunc &func() { return *func_; }

  // ---- Sizes: a free name in a parameter shape, or T.dynamic("M"), is a symbolic size.
  ir::Var sizeVar(const std::string &name, SourceLoc loc);
  std::optional<ir::Var> findSize(const std::string &name) const;
  // Registers every variable in a parameter shape as a size of the kernel.
  void noteSizes(const ir::Expr &shapeDim);

  // ---- The `with T.Kernel(...)` scope; IR can only be emitted inside it.
  bool inLaunch() const { return launchOpen_; }
  bool launched() const { return launched_; }
  void openLaunch(std::vector<ir::Expr> grid, std::vector<ir::Var> blockVars, int threads,
                  SourceLoc loc);
  void closeLaunch();

  // ---- Statements
  // `what` names the construct for the error when used outside `with T.Kernel`.
  void emit(ir::Stmt stmt, const std::string &what);
  void bindLet(ir::Var var, ir::Expr value, SourceLoc loc);
  // Loops and run-time `if`s: open a block, evaluate the body, close it into one statement.
  void openBlock();
  ir::Stmt closeBlock(SourceLoc loc);
  // How many run-time loops / ifs enclose the current statement (0 at the kernel's top level).
  int controlDepth() const { return static_cast<int>(blocks_.size()) - 1; }

  ir::Buffer allocate(std::string name, std::vector<ir::Expr> shape, ir::DType dtype,
                      ir::Scope scope, SourceLoc loc, const std::string &what);
  ir::Buffer addParam(std::string name, std::vector<ir::Expr> shape, ir::DType dtype,
                      SourceLoc loc);

  // Completes the kernel; fails when the body never opened `with T.Kernel(...)`.
  // The finished kernel. `dynamicSizes` (T.dynamic sizes declared anywhere) that its body uses
  // become sizes of the kernel even where no shape mentions them (a bound only in an `if`).
  ir::PrimFuncPtr finish(const std::map<std::string, ir::Var> &dynamicSizes = {});

private:
  struct Entry {
    ir::Stmt stmt;       // a statement, or
    ir::Var letVar;      // a let binding over the rest of the block
    ir::Expr letValue;
    SourceLoc loc;
  };
  std::string uniqueBufferName(const std::string &name);

  ir::PrimFuncPtr func_;
  std::vector<std::vector<Entry>> blocks_;
  std::map<std::string, ir::Var> sizes_;
  std::map<std::string, int> bufferNames_;
  bool launchOpen_ = false;
  bool launched_ = false;
};

// ---- Conversions from values to IR (shared by the evaluator and the tile ops)

// The IR scalar a value stands for: a number, an expression, a one-element load. Fails with
// "<what> must be a scalar expression, got <type>" otherwise.
ir::Expr toExpr(const Value &v, SourceLoc loc, const std::string &what);
// The region a tile-op operand names: a whole buffer, or `A[i, j]` (start only), or slices.
ir::Region toRegion(const Value &v, SourceLoc loc, const std::string &what);
// A dtype from a string (`"float16"`) or a dtype value (`T.float16`).
ir::DType toDType(const Value &v, SourceLoc loc, const std::string &what);
// `upper - lower` folded to a constant when the difference is one (`(k + 1) * 32 - k * 32`).
ir::Expr extentBetween(const ir::Expr &lower, const ir::Expr &upper);
// An IR constant for a meta number (int → int32 or int64, float → float32, bool → bool).
ir::Expr constantExpr(const Value &v, SourceLoc loc);

} // namespace tilec::frontend
