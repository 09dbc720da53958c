// The nodes of Tile IR (ir/IR.h is the whole of it): expressions, regions, and the statements
// that are not tile ops (those live in ir/ops/, one file per op, on the TileOp base).
//
// Nodes are immutable and shared (`std::shared_ptr<const ...>`); passes build new trees with
// IRMutator (ir/Functor.h). Every node remembers where in the source it came from.
//
// Identity: a Var or a Buffer is identified by its node pointer, never by its name.
#pragma once

#include "ir/DType.h"
#include "support/Diagnostics.h"

#include <cstdint>
#include <memory>
#include <string>
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

// A float constant holds a value of its type: built from any double, it is rounded to `t` once
// here, so every reader (interpreters, printers, folding, the TT packers) sees the same number. A
// folded `T.cast(0.25, "bfloat16") / 3.0` once kept 0.0833333 as a bfloat16 constant; the reference
// rounded it when it evaluated it, the CUDA printer did not (fuzz campaign seed 50130).
struct FloatImm : ExprNode {
  static constexpr ExprKind kKind = ExprKind::FloatImm;
  double value;
  FloatImm(double v, DType t = DType::Float32, SourceLoc l = {})
      : ExprNode(kKind, t, l), value(isFloat(t) ? roundToDType(v, t) : v) {}
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

// Math intrinsics (ir/Intrinsics.h lists them) and a few lowering helpers (shfl_xor, ceildiv).
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

// The scalar statements, then one kind per tile op (ir/ops/TileOps.def).
enum class StmtKind {
  Seq, For, Store, LetStmt, If, While, Evaluate, Sync,
#define TILEC_TILE_OP(Name) Name,
#include "ir/ops/TileOps.def"
};

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

// How a store combines with what the element held: a plain store replaces it; an atomic one
// (T.atomic_add / atomic_max / atomic_min) reads it, combines it with the value converted to the
// buffer's dtype, and writes the result back as one indivisible step, so concurrent updates of
// one element by many threads or blocks all count, in whatever order they land.
enum class AtomicOp { None, Add, Max, Min };
const char *atomicOpName(AtomicOp op); // "atomic_add", ...; "" for None

// buffer[indices] = value, or (atomic) buffer[indices] = buffer[indices] <op> value atomically.
struct Store : StmtNode {
  static constexpr StmtKind kKind = StmtKind::Store;
  Buffer buffer;
  std::vector<Expr> indices;
  Expr value;
  AtomicOp atomic = AtomicOp::None;
  Store(Buffer b, std::vector<Expr> idx, Expr v, SourceLoc l = {}, AtomicOp at = AtomicOp::None)
      : StmtNode(kKind, l), buffer(std::move(b)), indices(std::move(idx)), value(std::move(v)),
        atomic(at) {}
  bool isAtomic() const { return atomic != AtomicOp::None; }
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

// while cond: body — a loop whose trip count is known only at run time (the condition reads a
// T.alloc_var the body updates). On a GPU the condition must be the same for every thread of a
// block at each test (the SIMT interpreter checks it), as a serial loop's bounds are.
struct While : StmtNode {
  static constexpr StmtKind kKind = StmtKind::While;
  Expr cond;
  Stmt body;
  While(Expr c, Stmt b, SourceLoc l = {}) : StmtNode(kKind, l), cond(std::move(c)), body(std::move(b)) {}
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

} // namespace tilec::ir
