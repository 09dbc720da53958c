// The compute lowering of each tile op, one file per op; LowerCompute.cpp walks the block body and
// calls them. Each returns the kernel statements that compute the op's destination through the
// CB/DST protocol engine (CbProtocol.h), which also tracks which tiles compute holds.
#pragma once

#include "target/tt/compute/CbProtocol.h"

namespace tilec::tt {

// Map.cpp: an element-wise map (T.Parallel body, T.fill: no axes) into the whole tile `dst`.
KBody lowerMap(CbProtocol &engine, const std::vector<ir::Var> &axes, const ir::Region &dst, const ir::Expr &value,
               SourceLoc loc);
// Map.cpp: a copy between two tiles, the map of the identity (pack converts the data format).
KBody lowerTileCopy(CbProtocol &engine, const ir::Copy &c);

// Reduce.cpp: T.reduce_* into a vector (or one value) through the reduce unit.
KBody lowerReduce(CbProtocol &engine, const ir::Reduce &r);

// Gemm.cpp: T.gemm; `accumulatorInDst`: C stays in DST across the enclosing K loop.
KBody lowerGemm(CbProtocol &engine, const ir::Gemm &g, bool accumulatorInDst);

} // namespace tilec::tt
