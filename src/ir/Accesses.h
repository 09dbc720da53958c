// Which buffers a statement or an expression reads and writes: the one answer every analysis
// asks for (the interpreter's inputs and outputs, the TT producer/consumer facts, the GPU nests'
// thread mapping, barriers, raising, vector layouts...), so that none of them re-derives what a
// tile op touches. Tile ops answer from their own declaration (TileOp::operands).
#pragma once

#include "ir/IR.h"

#include <vector>

namespace tilec::ir {

struct Access {
  Buffer buffer;
  bool write = false;                         // false: a read
  const std::vector<Expr> *indices = nullptr; // the element a Load or Store addresses (else null)
  const Region *region = nullptr;             // the tile-op operand (else null)
  SourceLoc loc;                              // of the load, store or tile op
  bool atomic = false;                        // both halves of an atomic store's read-modify-write
};

// In program order:
//   a Load     after the loads in its indices;
//   a Store    after the loads in its indices, then in its value;
//   a tile op  the loads in its regions' bounds, the regions it reads, the loads in its values,
//              then the regions it writes (a read-modify-write region, such as an accumulating
//              gemm's C, appears as a read and as a write);
//   and the statements nested in loops, lets and ifs, after the loads in their bounds and
//   conditions.
std::vector<Access> accessesOf(const Stmt &s);
std::vector<Access> accessesOf(const Expr &e); // its loads
// The accesses of one tile op (the statement `op` is).
std::vector<Access> accessesOf(const TileOp &op);

} // namespace tilec::ir
