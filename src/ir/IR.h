// Tile IR: TileLang's level of abstraction.
//
// A PrimFunc is one kernel: global tensor parameters, symbolic sizes, a grid of blocks, the tiles
// it allocates (shared / fragment / local), and a body of loops, scalar statements and tile ops.
// Nodes are immutable and shared (`std::shared_ptr<const ...>`); passes build new trees with
// IRMutator (ir/Functor.h). Every node remembers where in the source it came from.
//
// Identity: a Var or a Buffer is identified by its node pointer, never by its name.
#pragma once

#include "ir/DType.h"
#include "support/Diagnostics.h"

#include <cstdint>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace tilec::ir {

// ---------------------------------------------------------------------------------------------
// Expressions

enum class ExprKind { IntImm, FloatImm, Var, Load, Binary, Unary, Call, Cast, Select };

struct ExprNode {
  ExprKind kind;
  DType dtype;
  SourceLoc loc;
  ExprNode(ExprKind k, DType t, SourceLoc l) : kind(k), dtype(t), loc(l) {}
  virtual ~ExprNode() = default;
  template <class T> const T *as() const {
    return kind == T::kKind ? static_cast<const T *>(this) : nullptr;
  }
};
using Expr = std::shared_ptr<const ExprNode>;

struct IntImm : ExprNode {
  static constexpr ExprKind kKind = ExprKind::IntImm;
  int64_t value;
  IntImm(int64_t v, DType t = DType::Int32, SourceLoc l = {}) : ExprNode(kKind, t, l), value(v) {}
};

struct FloatImm : ExprNode {
  static constexpr ExprKind kKind = ExprKind::FloatImm;
  double value;
  FloatImm(double v, DType t = DType::Float32, SourceLoc l = {}) : ExprNode(kKind, t, l), value(v) {}
};

// A number no other Var or Buffer made by this process has. Printers name a node's C identifier
// by it (target/Symbols.h): the name is only a hint, two nodes may share one.
uint64_t nextNodeSerial();

// A scalar variable: a loop index, a block index, a symbolic size, or a let-bound scalar.
struct VarNode : ExprNode {
  static constexpr ExprKind kKind = ExprKind::Var;
  std::string name;
  uint64_t serial = nextNodeSerial();
  VarNode(std::string n, DType t = DType::Int32, SourceLoc l = {})
      : ExprNode(kKind, t, l), name(std::move(n)) {}
};
using Var = std::shared_ptr<const VarNode>;

enum class Scope { Global, Shared, Fragment, Local };
const char *scopeName(Scope s);

// A tensor: a kernel parameter (Global) or a tile the kernel allocates.
struct BufferNode {
  std::string name;
  uint64_t serial = nextNodeSerial();
  std::vector<Expr> shape; // row-major; entries may be symbolic for Global buffers
  DType dtype;
  Scope scope;
  SourceLoc loc;
  BufferNode(std::string n, std::vector<Expr> s, DType t, Scope sc, SourceLoc l = {})
      : name(std::move(n)), shape(std::move(s)), dtype(t), scope(sc), loc(l) {}
  size_t rank() const { return shape.size(); }
};
using Buffer = std::shared_ptr<const BufferNode>;

// buffer[indices...]
struct Load : ExprNode {
  static constexpr ExprKind kKind = ExprKind::Load;
  Buffer buffer;
  std::vector<Expr> indices;
  Load(Buffer b, std::vector<Expr> idx, SourceLoc l = {})
      : ExprNode(kKind, b->dtype, l), buffer(std::move(b)), indices(std::move(idx)) {}
};

enum class BinaryOp {
  Add, Sub, Mul, Div, FloorDiv, FloorMod, Min, Max, Pow, // arithmetic
  Lt, Le, Gt, Ge, Eq, Ne,                                  // comparisons (dtype Bool)
  And, Or                                                  // logical (dtype Bool)
};
const char *binaryOpSymbol(BinaryOp op); // "+", "//", "min", ...
bool isComparison(BinaryOp op);

struct Binary : ExprNode {
  static constexpr ExprKind kKind = ExprKind::Binary;
  BinaryOp op;
  Expr a, b;
  Binary(BinaryOp o, Expr x, Expr y, DType t, SourceLoc l = {})
      : ExprNode(kKind, t, l), op(o), a(std::move(x)), b(std::move(y)) {}
};

enum class UnaryOp { Neg, Not };

struct Unary : ExprNode {
  static constexpr ExprKind kKind = ExprKind::Unary;
  UnaryOp op;
  Expr a;
  Unary(UnaryOp o, Expr x, DType t, SourceLoc l = {}) : ExprNode(kKind, t, l), op(o), a(std::move(x)) {}
};

// Math intrinsics: exp, exp2, log, log2, sqrt, rsqrt, abs, tanh, sigmoid, recip, relu, floor, ceil.
struct Call : ExprNode {
  static constexpr ExprKind kKind = ExprKind::Call;
  std::string name;
  std::vector<Expr> args;
  Call(std::string n, std::vector<Expr> a, DType t, SourceLoc l = {})
      : ExprNode(kKind, t, l), name(std::move(n)), args(std::move(a)) {}
};

struct Cast : ExprNode {
  static constexpr ExprKind kKind = ExprKind::Cast;
  Expr value;
  Cast(DType t, Expr v, SourceLoc l = {}) : ExprNode(kKind, t, l), value(std::move(v)) {}
};

// cond ? a : b  (T.if_then_else and Python's ternary)
struct Select : ExprNode {
  static constexpr ExprKind kKind = ExprKind::Select;
  Expr cond, a, b;
  Select(Expr c, Expr x, Expr y, SourceLoc l = {})
      : ExprNode(kKind, x->dtype, l), cond(std::move(c)), a(std::move(x)), b(std::move(y)) {}
};

// ---------------------------------------------------------------------------------------------
// Regions: the operand of a tile op. `starts` and `extents` have one entry per buffer dimension.
// `extents` is empty when the source gave only the start (`T.copy(A[by * 32, k * 32], A_s)`); the
// infer-copy-regions pass fills it from the other operand's shape.
// A dimension of extent 1 that the tile op does not see (e.g. a row of a 3-D tensor copied into a
// 2-D tile) is still listed; tile ops match the non-unit extents of their operands.
struct Region {
  Buffer buffer;
  std::vector<Expr> starts;
  std::vector<Expr> extents;
  SourceLoc loc;
};
// The whole buffer, starting at 0.
Region fullRegion(const Buffer &b, SourceLoc loc = {});

// ---------------------------------------------------------------------------------------------
// Statements

enum class StmtKind { Seq, For, Store, LetStmt, If, Evaluate, Sync, Copy, Gemm, Fill, Reduce, Map };

struct StmtNode {
  StmtKind kind;
  SourceLoc loc;
  StmtNode(StmtKind k, SourceLoc l) : kind(k), loc(l) {}
  virtual ~StmtNode() = default;
  template <class T> const T *as() const {
    return kind == T::kKind ? static_cast<const T *>(this) : nullptr;
  }
};
using Stmt = std::shared_ptr<const StmtNode>;

struct Seq : StmtNode {
  static constexpr StmtKind kKind = StmtKind::Seq;
  std::vector<Stmt> stmts;
  explicit Seq(std::vector<Stmt> s, SourceLoc l = {}) : StmtNode(kKind, l), stmts(std::move(s)) {}
};

enum class ForKind { Serial, Parallel, Pipelined, Unrolled };
const char *forKindName(ForKind k);

// for var in [min, min + extent): body.  A `T.Parallel(a, b)` nest is two nested Parallel Fors.
struct For : StmtNode {
  static constexpr StmtKind kKind = StmtKind::For;
  Var var;
  Expr min, extent;
  ForKind forKind;
  int numStages = 0; // Pipelined only: how many iterations copies may run ahead
  Stmt body;
  For(Var v, Expr mn, Expr ext, ForKind k, Stmt b, SourceLoc l = {}, int stages = 0)
      : StmtNode(kKind, l), var(std::move(v)), min(std::move(mn)), extent(std::move(ext)),
        forKind(k), numStages(stages), body(std::move(b)) {}
};

// buffer[indices] = value
struct Store : StmtNode {
  static constexpr StmtKind kKind = StmtKind::Store;
  Buffer buffer;
  std::vector<Expr> indices;
  Expr value;
  Store(Buffer b, std::vector<Expr> idx, Expr v, SourceLoc l = {})
      : StmtNode(kKind, l), buffer(std::move(b)), indices(std::move(idx)), value(std::move(v)) {}
};

// let var = value in body (a scalar computed once, e.g. `row = by * 32 + i`)
struct LetStmt : StmtNode {
  static constexpr StmtKind kKind = StmtKind::LetStmt;
  Var var;
  Expr value;
  Stmt body;
  LetStmt(Var v, Expr val, Stmt b, SourceLoc l = {})
      : StmtNode(kKind, l), var(std::move(v)), value(std::move(val)), body(std::move(b)) {}
};

struct If : StmtNode {
  static constexpr StmtKind kKind = StmtKind::If;
  Expr cond;
  Stmt thenBody;
  Stmt elseBody; // may be null
  If(Expr c, Stmt t, Stmt e, SourceLoc l = {})
      : StmtNode(kKind, l), cond(std::move(c)), thenBody(std::move(t)), elseBody(std::move(e)) {}
};

// An expression evaluated for its effect (rare; kept for completeness).
struct Evaluate : StmtNode {
  static constexpr StmtKind kKind = StmtKind::Evaluate;
  Expr value;
  Evaluate(Expr v, SourceLoc l = {}) : StmtNode(kKind, l), value(std::move(v)) {}
};

// T.syncthreads(): a block-wide barrier.
struct Sync : StmtNode {
  static constexpr StmtKind kKind = StmtKind::Sync;
  explicit Sync(SourceLoc l = {}) : StmtNode(kKind, l) {}
};

// ---- Tile ops ----

// dst region = src region, element by element (with a cast when dtypes differ). The two regions
// have the same non-unit extents in the same order.
struct Copy : StmtNode {
  static constexpr StmtKind kKind = StmtKind::Copy;
  Region src, dst;
  Copy(Region s, Region d, SourceLoc l = {}) : StmtNode(kKind, l), src(std::move(s)), dst(std::move(d)) {}
};

// C += op(A) @ op(B), op = transpose when the flag is set. Products accumulate in C's dtype.
struct Gemm : StmtNode {
  static constexpr StmtKind kKind = StmtKind::Gemm;
  Region a, b, c;
  bool transposeA = false, transposeB = false;
  bool clearAccum = false; // C = op(A) @ op(B) instead of +=
  Gemm(Region a_, Region b_, Region c_, bool ta, bool tb, SourceLoc l = {})
      : StmtNode(kKind, l), a(std::move(a_)), b(std::move(b_)), c(std::move(c_)), transposeA(ta),
        transposeB(tb) {}
};

// Every element of the region = value.
struct Fill : StmtNode {
  static constexpr StmtKind kKind = StmtKind::Fill;
  Region dst;
  Expr value;
  Fill(Region d, Expr v, SourceLoc l = {}) : StmtNode(kKind, l), dst(std::move(d)), value(std::move(v)) {}
};

enum class ReduceKind { Sum, Max, Min, AbsSum, AbsMax };
const char *reduceKindName(ReduceKind k);

// dst = reduce(src, along dim) (dst op= reduce(...) when clear is false). src is a 2-D tile
// region; dst is its 1-D result (the extent along `dim` removed).
struct Reduce : StmtNode {
  static constexpr StmtKind kKind = StmtKind::Reduce;
  ReduceKind reduceKind;
  Region src, dst;
  int dim; // 0 or 1: the reduced dimension of src's 2-D view (ir/MatrixView.h), not of src itself
  bool clear = true;
  Reduce(ReduceKind k, Region s, Region d, int dm, bool c, SourceLoc l = {})
      : StmtNode(kKind, l), reduceKind(k), src(std::move(s)), dst(std::move(d)), dim(dm), clear(c) {}
};

// An element-wise computation over a tile: for all axes in the box [0, extents):
//   dst.buffer[dst.starts + axes] = value
// where `value` reads other buffers at indices written in terms of `axes` (the same element, a
// broadcast row/column, a scalar...). Raised from T.Parallel nests with no cross-element reads
// of dst; lowered back to those nests by ExpandTileOps.
struct Map : StmtNode {
  static constexpr StmtKind kKind = StmtKind::Map;
  std::vector<Var> axes;
  Region dst; // extents == the box; dst.starts[d] + axes[d] addresses the element
  Expr value;
  Map(std::vector<Var> ax, Region d, Expr v, SourceLoc l = {})
      : StmtNode(kKind, l), axes(std::move(ax)), dst(std::move(d)), value(std::move(v)) {}
};

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

// Constant value of an expression if it is an IntImm (after simplification it usually is).
std::optional<int64_t> asConstInt(const Expr &e);
// Static shape of a buffer if every dimension is constant.
std::optional<std::vector<int64_t>> constShape(const Buffer &b);

} // namespace tilec::ir
