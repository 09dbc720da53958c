// Shared by the compute lowering (LowerCompute.cpp) and the expression tensoriser
// (TensorizeExpr.cpp): init tracking and the description of the tile being computed.
#pragma once

#include "ir/IR.h"
#include "target/tt/KernelIR.h"
#include "target/tt/TTProgram.h"

#include <map>
#include <set>
#include <string>

namespace tilec::tt {

// Each op family needs its init before first use and after another family ran; inits are emitted
// only when the family (and its CBs) change. `keys` collects what a region of code needed, so a
// loop whose body needs a single init can have it hoisted.
struct InitTracker {
  std::string current; // "" = unknown
  std::vector<std::string> keys;
  std::map<std::string, KStmt> initFor;
  void ensure(KBody &out, const std::string &key, const KStmt &init) {
    keys.push_back(key);
    initFor[key] = init;
    if (key == current)
      return;
    out.push_back(init);
    current = key;
  }
};

// Where the tile being computed is: `t` its index in the destination's row-major tile order,
// `u` its position in the current DST chunk (both C++ expressions).
struct TileSite {
  std::string t = "0", u = "0";
  int64_t dstCols = 1;                    // tiles per row of the destination
  bool dst2d = true;                      // the map is over a 2-D tile
  const ir::BufferNode *rotating = nullptr; // destination rewritten in place: its tiles sit at the CB front
};

// A DST slot: base (C++) + offset.
struct Slot {
  std::string base = "0";
  int offset = 0;
  std::string str() const;
  Slot plus(int k) const { return {base, offset + k}; }
};

std::string cxxPlus(const std::string &a, const std::string &b);

// Tensorises one element-wise expression (docs/TT_BACKEND.md).
class ExprTensorizer {
public:
  ExprTensorizer(const TTProgram &p, const std::vector<ir::Var> &axes, InitTracker &inits, std::string outCb)
      : p_(p), axes_(axes), inits_(inits), outCb_(std::move(outCb)) {}
  // DST slots the expression needs per tile (its result lands in the first).
  int slotsNeeded(const ir::Expr &e) const;
  // Emits the ops leaving the value of `e` for the tile at `site` in DST slot `s`.
  void emit(const ir::Expr &e, const TileSite &site, Slot s, KBody &out);
  // Buffers (CBs) the expression reads.
  std::set<const ir::BufferNode *> operands(const ir::Expr &e) const;
  // Which FPU/SFPU family the first op uses ("binary", "matmul", "unary"), for the hw startup.
  std::string firstFamily;
  std::pair<std::string, std::string> firstCbs;

private:
  // ScalarTile: the one value of a one-element tile (at its (0, 0)), broadcast over the tile.
  enum class OperandKind { None, Tile, RowVector, ColVector, ScalarTile, Constant };
  struct Operand {
    OperandKind kind = OperandKind::None;
    const CbPlan *cb = nullptr;
    double value = 0;
  };
  Operand classify(const ir::Expr &e) const;
  std::string tileIndex(const Operand &o, const TileSite &site) const;
  bool fpuDirect(const Operand &o) const { return o.kind == OperandKind::Tile || isVector(o); }
  static bool isVector(const Operand &o) {
    return o.kind == OperandKind::RowVector || o.kind == OperandKind::ColVector ||
           o.kind == OperandKind::ScalarTile;
  }
  void loadOperand(const Operand &o, const TileSite &site, Slot s, KBody &out);
  bool emitFpuBinary(const ir::Binary &b, const TileSite &site, Slot s, KBody &out);
  bool emitScalarBinary(const ir::Binary &b, const TileSite &site, Slot s, KBody &out);
  void emitSfpuBinary(const ir::Binary &b, const TileSite &site, Slot s, KBody &out);
  void emitUnary(const std::string &fn, const TileSite &site, Slot s, KBody &out, const ir::Expr &where);
  void noteFamily(const std::string &family, const std::string &a, const std::string &b);

  const TTProgram &p_;
  const std::vector<ir::Var> &axes_;
  InitTracker &inits_;
  std::string outCb_;
};

} // namespace tilec::tt
