#include "ir/ops/Extents.h"

#include "ir/IR.h"
#include "ir/MatrixView.h"
#include "ir/Printer.h"

namespace tilec::ir {

bool isUnitExtent(const Expr &e) {
  auto v = asConstInt(e);
  return v && *v == 1;
}

std::vector<Expr> nonUnitExtents(const std::vector<Expr> &extents) {
  std::vector<Expr> out;
  for (const Expr &e : extents)
    if (!isUnitExtent(e))
      out.push_back(e);
  return out;
}

std::vector<size_t> nonUnitDims(const Region &r) {
  std::vector<size_t> dims;
  for (size_t d = 0; d < r.extents.size(); ++d)
    if (!isUnitExtent(r.extents[d]))
      dims.push_back(d);
  return dims;
}

bool sameExtent(const Expr &a, const Expr &b) {
  auto x = asConstInt(a), y = asConstInt(b);
  if (x && y)
    return *x == *y;
  return printExpr(a) == printExpr(b);
}

bool sameExtents(const std::vector<Expr> &a, const std::vector<Expr> &b) {
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!sameExtent(a[i], b[i]))
      return false;
  return true;
}

bool staticallyDifferent(const Expr &a, const Expr &b) {
  auto x = asConstInt(a), y = asConstInt(b);
  return x && y && *x != *y;
}

std::optional<std::vector<Expr>> matrixViewExtents(const std::vector<Expr> &extents) {
  auto dims = matrixViewDims(extents);
  if (!dims)
    return std::nullopt;
  std::vector<Expr> view;
  for (int d : *dims)
    view.push_back(d < 0 ? intImm(1) : extents[d]);
  return view;
}

} // namespace tilec::ir
