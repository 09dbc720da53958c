#include "ir/MatrixView.h"

#include "ir/ops/Extents.h"

namespace tilec::ir {

std::optional<std::array<int, 2>> matrixViewDims(const std::vector<Expr> &extents) {
  std::vector<bool> used(extents.size(), false);
  size_t count = 0;
  for (size_t d = 0; d < extents.size(); ++d)
    if (!isUnitExtent(extents[d])) {
      used[d] = true;
      ++count;
    }
  if (count > 2)
    return std::nullopt;
  for (size_t d = extents.size(); d-- > 0 && count < 2;)
    if (!used[d]) {
      used[d] = true;
      ++count;
    }
  std::array<int, 2> view{-1, -1};
  int next = 2 - static_cast<int>(count); // a 1-D region fills only the column
  for (size_t d = 0; d < extents.size(); ++d)
    if (used[d])
      view[next++] = static_cast<int>(d);
  return view;
}

std::optional<int> reduceViewDim(const std::vector<Expr> &extents, int regionDim) {
  auto view = matrixViewDims(extents);
  if (!view)
    return std::nullopt;
  for (int v = 0; v < 2; ++v)
    if ((*view)[v] == regionDim)
      return v;
  // A unit dimension the view dropped: reducing it reduces nothing, as does reducing a unit
  // dimension the view kept (the missing row of a 1-D region counts as one).
  for (int v = 0; v < 2; ++v)
    if ((*view)[v] < 0 || isUnitExtent(extents[(*view)[v]]))
      return v;
  return std::nullopt;
}

int reduceRegionDim(const std::vector<Expr> &extents, int viewDim) {
  auto view = matrixViewDims(extents);
  return view && viewDim >= 0 && viewDim < 2 ? (*view)[viewDim] : -1;
}

} // namespace tilec::ir
