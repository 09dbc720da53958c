// Who defines and who reads each tile buffer, and in which loop: the facts the staging pass and
// the CB planner decide producer and consumer kernels from.
#pragma once

#include "ir/IR.h"

#include <map>
#include <vector>

namespace tilec::tt {

struct BufferUse {
  const ir::StmtNode *stmt = nullptr;
  const ir::For *loop = nullptr; // innermost enclosing loop (null: the block body)
};

struct BufferUses {
  std::vector<BufferUse> readerFills;  // Copy(global → this), or an index tile's Map (isIndexTileMap)
  std::vector<BufferUse> computeDefs;  // tile ops writing it (Map, Reduce, Fill, Gemm, tile Copy)
  std::vector<BufferUse> computeReads; // tile ops reading it (incl. a Gemm accumulating into it)
  std::vector<BufferUse> writerDrains; // Copy(this → global)
};

// Uses of every tile buffer (non-global) in f's body.
std::map<const ir::BufferNode *, BufferUses> collectBufferUses(const ir::PrimFunc &f);

// Whether compute writes a float32 tile (a buffer of f that the reader does not fill): the kernel
// then runs with fp32_dest_acc_en, and DST keeps float32 between operations.
bool computeWritesFloat32(const ir::PrimFunc &f);

// A Map whose value reads no tile but depends on its axes (an element's row or column): the
// reader computes it element by element into the tile's CB (IndexTiles.cpp), compute waits for it
// as for a tile read from DRAM.
bool isIndexTileMap(const ir::Map &m);

// Loads of `b` inside an expression.
bool readsBuffer(const ir::Expr &e, const ir::BufferNode *b);

} // namespace tilec::tt
