// The Tenstorrent side of the tile ops, one file per op (compute/<Op>.cpp). For each op that
// ir/ops/TileOps.def lists, its file defines:
//   stage<Op>(staging, s, op)     stage-global-accesses (StageGlobalAccesses.cpp): the op moved
//                                 onto L1 tiles where it touches a DRAM tensor, with the T.copy
//                                 statements that move those tiles (Staging.h); `s` itself when
//                                 it touches none;
//   lower<Op>(engine, op, inDst)  the compute kernel's code for it (LowerCompute.cpp walks the
//                                 block body and calls it), through the CB/DST protocol engine
//                                 (CbProtocol.h), which also tracks which tiles compute holds.
//                                 `inDst`: the accumulator the enclosing K loop keeps in DST
//                                 (null: none).
// A new op adds its file and its name to TileOps.def; these declarations follow.
#pragma once

#include "target/tt/Staging.h"
#include "target/tt/compute/CbProtocol.h"

namespace tilec::tt {

#define TILEC_TILE_OP(Name)                                                                        \
  ir::Stmt stage##Name(GlobalStaging &staging, const ir::Stmt &s, const ir::Name &op);             \
  KBody lower##Name(CbProtocol &engine, const ir::Name &op, const ir::BufferNode *inDst);
#include "ir/ops/TileOps.def"

// Map.cpp: every element of the whole tile `dst` computed from `value` over `axes` (a map's own
// axes; none for a fill; the tile's coordinates for a tile-to-tile copy, where pack converts the
// data format).
KBody lowerElementwise(CbProtocol &engine, const std::vector<ir::Var> &axes, const ir::Region &dst,
                       const ir::Expr &value, SourceLoc loc);
// Map.cpp: Tenstorrent computes whole tiles: whether a region starts at 0 and spans its buffer.
bool coversWholeBuffer(const ir::Region &r);

} // namespace tilec::tt
