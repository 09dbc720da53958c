// What every tile op is: a statement over whole regions of tiles and tensors that declares, in its
// own file (ir/ops/<Op>.{h,cpp}, listed in ir/ops/TileOps.def), which regions it reads and
// writes, how to rebuild it over other regions, the rules the verifier checks, and how it expands
// into scalar loops. Analyses and passes ask an op these questions instead of knowing each op.
#pragma once

#include "ir/Nodes.h"

#include <functional>
#include <string>
#include <vector>

namespace tilec::ir {

// A region a tile op works on, and whether the op reads it, writes it, or both (a gemm's C that
// accumulates, a reduce destination that combines).
struct Operand {
  const Region *region;
  bool read, write;
};

// The checks every region of every op gets (rank, positive extents, bounds known from the
// enclosing loops): an op's verify() asks the verifier for them, since only its walk of the
// kernel knows the loop ranges.
class RegionChecker {
public:
  virtual ~RegionChecker() = default;
  // `what` names the operand in messages ("gemm A"). `clipsAtGlobalEdge`: the op bounds-checks a
  // global side element by element (T.copy), so such a region may run past the tensor's edge; its
  // start must still be inside.
  virtual void checkRegion(const Region &r, SourceLoc opLoc, const std::string &what,
                           bool clipsAtGlobalEdge = false) = 0;
};

// What expanding an op into scalar loops may need from its kernel.
class ScratchTiles {
public:
  virtual ~ScratchTiles() = default;
  // A fresh one-element local tile of the kernel, named `base` and a number.
  virtual Buffer local(const std::string &base, DType t, SourceLoc loc) = 0;
};

struct TileOp : StmtNode {
  using StmtNode::StmtNode;

  // The regions it works on, in operand order (the order rebuild() takes them in).
  virtual std::vector<Operand> operands() const = 0;
  // Its scalar operands (a fill's value, a map's expression), in order.
  virtual std::vector<Expr> values() const { return {}; }
  // The same op over other regions and values, one per operands() / values() entry, in order;
  // every other field is kept.
  virtual Stmt rebuild(std::vector<Region> regions, std::vector<Expr> values) const = 0;

  // Throws a located CompileError when the op breaks one of its rules (ir/Verifier.cpp).
  virtual void verify(RegionChecker &checker) const = 0;
  // Plain loops of loads and stores with the op's result (transform/ExpandTileOps.cpp). Written
  // apart from the interpreter's tile-op code (interp/ops/), which it checks.
  virtual Stmt expand(ScratchTiles &scratch) const = 0;
  // One line of the Tile IR printer, e.g. `copy(A[0:32, 0:32] -> A_s[0:32, 0:32])`.
  virtual std::string print() const = 0;

  // The op with every region replaced by fn(region): what a pass that moves an op onto other
  // buffers (a staged tile, a widened one) calls.
  Stmt mapRegions(const std::function<Region(const Region &)> &fn) const;
};

bool isTileOp(StmtKind k);
// The tile op `s` is, or null.
const TileOp *asTileOp(const StmtNode &s);

// Same buffer, and the same start and extent nodes.
bool sameRegion(const Region &a, const Region &b);

} // namespace tilec::ir
