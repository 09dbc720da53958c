// The interpreter's executable form of a kernel (internal to src/interp).
//
// Before running, the Tile IR is compiled once into a tree of small code objects: variables are
// resolved to slots in a flat array of doubles, buffers to BufferState pointers, intrinsics to
// function pointers. The hot path then does no string or map lookups.
#pragma once

#include "interp/Interpreter.h"
#include "ir/IR.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace tilec::interp::detail {

// A tensor as the running kernel sees it: a parameter's data or a per-block allocation.
struct BufferState {
  std::string name;
  ir::DType dtype = ir::DType::Float32;
  std::vector<int64_t> shape;
  std::vector<int64_t> strides; // row-major
  double *data = nullptr;
  std::vector<double> storage; // owned storage (allocations only)
  SourceLoc loc;
};

// The scalar environment: loop indices, block indices and let-bound values, by slot.
using Slots = double *;

class ExprCode {
public:
  explicit ExprCode(ir::DType t) : dtype(t) {}
  virtual ~ExprCode() = default;
  virtual double eval(Slots s) const = 0;
  ir::DType dtype;
};
using ExprPtr = std::unique_ptr<const ExprCode>;

class StmtCode {
public:
  virtual ~StmtCode() = default;
  virtual void exec(Slots s) const = 0;
};
using StmtPtr = std::unique_ptr<const StmtCode>;

// Index expressions are mostly plain loop variables: read those straight from their slot.
struct IndexCode {
  int slot = -1;
  ExprPtr expr;
  double eval(Slots s) const { return slot >= 0 ? s[slot] : expr->eval(s); }
};

// A tile-op operand, compiled: starts and extents per buffer dimension.
struct RegionCode {
  BufferState *buffer = nullptr;
  std::vector<ExprPtr> starts, extents;
  SourceLoc loc;
  // The global side of a T.copy: the region may cross the tensor's edge (a tail block), and the
  // elements outside read as 0 / are not stored, as TileLang's bounds-checked copies do.
  bool clipToBuffer = false;
};

// Compiles Tile IR into code objects. Size variables become constants; every other variable
// gets a slot when its binder (loop, let, map axis, block index) is compiled.
class Compiler {
public:
  explicit Compiler(const SizeBindings &sizes) : sizes_(sizes) {}

  void bindConstant(const ir::VarNode *v, double value) { constants_[v] = value; }
  int declareSlot(const ir::VarNode *v);
  void bindBuffer(const ir::BufferNode *b, BufferState *state);
  int numSlots() const { return numSlots_; }

  ExprPtr compile(const ir::Expr &e);
  StmtPtr compile(const ir::Stmt &s);
  RegionCode compileRegion(const ir::Region &r, const char *role, SourceLoc opLoc);
  // A buffer's shape with every size bound (throws for a negative or unbound dimension). Call it
  // before declaring any slot: a shape depends on sizes only.
  std::vector<int64_t> concreteShape(const ir::BufferNode &b);

private:
  ExprPtr compileVar(const ir::VarNode &v);
  ExprPtr compileLoad(const ir::Load &l);
  std::vector<IndexCode> compileIndices(const std::vector<ir::Expr> &indices);
  ExprPtr compileBinary(const ir::Binary &b);
  ExprPtr compileUnary(const ir::Unary &u);
  ExprPtr compileCall(const ir::Call &c);
  StmtPtr compileFor(const ir::For &f);
  StmtPtr compileStore(const ir::Store &st);
  BufferState *lookupBuffer(const ir::BufferNode &b, SourceLoc loc);

  const SizeBindings &sizes_;
  std::unordered_map<const ir::VarNode *, double> constants_;
  std::unordered_map<const ir::VarNode *, int> slots_;
  std::unordered_map<const ir::BufferNode *, BufferState *> buffers_;
  int numSlots_ = 0;
};


// Cold path of elementOffset: re-evaluates the (pure) indices to say exactly which access went
// out of bounds, and throws a located CompileError.
[[noreturn]] void failOutOfBounds(const char *access, const BufferState &b,
                                  const std::vector<IndexCode> &idx, Slots s, SourceLoc loc);

// The element offset of buffer[idx], or a located error when any index is out of range.
inline int64_t elementOffset(const char *access, const BufferState &b,
                             const std::vector<IndexCode> &idx, Slots s, SourceLoc loc) {
  int64_t offset = 0;
  for (size_t d = 0; d < idx.size(); ++d) {
    double v = idx[d].eval(s);
    // Written so that NaN fails too; checking before the cast keeps the cast defined.
    if (!(v >= 0 && v < static_cast<double>(b.shape[d])))
      failOutOfBounds(access, b, idx, s, loc);
    offset += static_cast<int64_t>(v) * b.strides[d];
  }
  return offset;
}

// Tile ops executed whole: compileCopy, compileGemm, ..., one per op in interp/ops/<Op>.cpp.
#define TILEC_TILE_OP(Name) StmtPtr compile##Name(Compiler &c, const ir::Name &op);
#include "ir/ops/TileOps.def"

// "[3, 64]"
std::string formatList(const std::vector<int64_t> &v);

} // namespace tilec::interp::detail
