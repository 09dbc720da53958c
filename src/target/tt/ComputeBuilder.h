// The expression tensoriser (TensorizeExpr.cpp), used by the compute lowering of element-wise maps
// (compute/Map.cpp).
#pragma once

#include "ir/IR.h"
#include "target/tt/KernelIR.h"
#include "target/tt/TTProgram.h"
#include "target/tt/compute/CbProtocol.h"

#include <map>
#include <set>
#include <string>

namespace tilec::tt {

// Tensorises one element-wise expression (docs/TT_BACKEND.md).
class ExprTensorizer {
public:
  ExprTensorizer(const TTProgram &p, const std::vector<ir::Var> &axes, InitTracker &inits, const CbPlan &out)
      : p_(p), axes_(axes), inits_(inits), outCb_(kName(out.name)), dstLayout_(out.layout) {}
  // DST slots the expression needs per tile (its result lands in the first).
  int slotsNeeded(const ir::Expr &e) const;
  // Emits the ops leaving the value of `e` for the tile at `site` in DST slot `s`.
  void emit(const ir::Expr &e, const TileSite &site, const KExpr &s, KBody &out);
  // Buffers (CBs) the expression reads.
  std::set<const ir::BufferNode *> operands(const ir::Expr &e) const;
  // Which FPU/SFPU family the first op uses ("binary", "matmul", "unary"), for the hw startup.
  std::string firstFamily;
  std::pair<KExpr, KExpr> firstCbs;

private:
  // ScalarTile: the one value of a one-element tile (at its (0, 0)), broadcast over the tile.
  // Transposed: a tile read across (`x[j, i]` in a map over (i, j), or a vector of the other
  // layout copied element by element), which transpose_tile brings into DST.
  enum class OperandKind { None, Tile, RowVector, ColVector, ScalarTile, Constant, Transposed };
  struct Operand {
    OperandKind kind = OperandKind::None;
    const CbPlan *cb = nullptr;
    double value = 0;
  };
  Operand classify(const ir::Expr &e) const;
  KExpr tileIndex(const Operand &o, const TileSite &site) const;
  bool fpuDirect(const Operand &o) const { return o.kind == OperandKind::Tile || isVector(o); }
  static bool isVector(const Operand &o) {
    return o.kind == OperandKind::RowVector || o.kind == OperandKind::ColVector ||
           o.kind == OperandKind::ScalarTile;
  }
  void loadOperand(const Operand &o, const TileSite &site, const KExpr &s, KBody &out);
  bool emitFpuBinary(const ir::Binary &b, const TileSite &site, const KExpr &s, KBody &out);
  bool emitScalarBinary(const ir::Binary &b, const TileSite &site, const KExpr &s, KBody &out);
  void emitSfpuBinary(const ir::Binary &b, const TileSite &site, const KExpr &s, KBody &out);
  void emitUnary(const std::string &fn, const TileSite &site, const KExpr &s, KBody &out, const ir::Expr &where);
  void emitSfpuOp(const std::string &op, const KExpr &s, KBody &out);
  void noteFamily(const std::string &family, const CbPlan &a, const CbPlan &b);

  const TTProgram &p_;
  const std::vector<ir::Var> &axes_;
  InitTracker &inits_;
  KExpr outCb_;
  VectorLayout dstLayout_; // of a vector destination: a vector of the other layout is read transposed
};

} // namespace tilec::tt
