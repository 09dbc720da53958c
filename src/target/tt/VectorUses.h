// Which layout (docs/TT_BACKEND.md, "Vectors") a 1-D tile's use asks for: the rules that
// infer-vector-layouts decides layouts by and bridge-vector-layouts finds conflicts with.
#pragma once

#include "ir/IR.h"
#include "target/tt/TTProgram.h"

namespace tilec::tt {

// A 2-D map reading a vector as `v[i]` (its row axis) broadcasts a column vector, as `v[j]` (its
// column axis) a row vector; None for a 1-D map or another index.
inline VectorLayout broadcastLayout(const ir::Map &m, const ir::Expr &index) {
  if (m.axes.size() != 2)
    return VectorLayout::None;
  const auto *v = index->as<ir::VarNode>();
  if (v && v == m.axes[0].get())
    return VectorLayout::Col;
  if (v && v == m.axes[1].get())
    return VectorLayout::Row;
  return VectorLayout::None;
}

// REDUCE_ROW (dim 1) leaves a column vector, REDUCE_COL (dim 0) a row vector.
inline VectorLayout reducedLayout(const ir::Reduce &r) {
  return r.dim == 1 ? VectorLayout::Col : VectorLayout::Row;
}

// A vector-to-vector copy between tiles (a tile Copy, or a 1-D map whose value is the source at
// the map's axis): computed element-wise, so it can also transpose each tile, which turns one
// layout into the other. Its two vectors may therefore have different layouts.
inline bool isVectorBridge(const ir::Map &m) {
  if (m.axes.size() != 1 || m.dst.buffer->rank() != 1)
    return false;
  const ir::Expr *v = &m.value;
  while (auto *c = (*v)->as<ir::Cast>())
    v = &c->value;
  auto *l = (*v)->as<ir::Load>();
  return l && l->buffer->rank() == 1 && l->buffer->scope != ir::Scope::Global && l->indices[0]->as<ir::VarNode>() == m.axes[0].get();
}

} // namespace tilec::tt
