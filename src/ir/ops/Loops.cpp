#include "ir/ops/Loops.h"

#include "ir/IR.h"
#include "ir/MatrixView.h"

namespace tilec::ir {

void checkExpandable(const Region &r, const char *what, SourceLoc opLoc) {
  SourceLoc loc = r.loc.valid() ? r.loc : opLoc;
  if (r.extents.empty())
    fail(loc, std::string(what) + " region of '" + r.buffer->name +
                  "' has no extents: infer-copy-regions must run before expand-tile-ops");
  if (r.starts.size() != r.buffer->rank() || r.extents.size() != r.buffer->rank())
    fail(loc, std::string(what) + " region of '" + r.buffer->name + "' does not match the rank " +
                  std::to_string(r.buffer->rank()) + " of the buffer");
}

Expr shifted(const Expr &start, const Expr &offset) {
  auto s = asConstInt(start);
  return s && *s == 0 ? offset : add(start, offset);
}

Stmt loopNest(Stmt body, const std::vector<Var> &vars, const std::vector<Expr> &extents, ForKind kind,
              SourceLoc loc) {
  for (size_t d = vars.size(); d-- > 0;)
    body = std::make_shared<For>(vars[d], intImm(0), extents[d], kind, body, loc);
  return body;
}

Expr castTo(DType t, Expr e) {
  if (e->dtype == t)
    return e;
  SourceLoc loc = e->loc;
  return std::make_shared<Cast>(t, std::move(e), loc);
}

Expr binaryIn(DType t, BinaryOp op, Expr a, Expr b) {
  return std::make_shared<Binary>(op, std::move(a), std::move(b), t);
}

Expr zeroOf(DType t) { return isFloat(t) ? floatImm(0.0, t) : std::make_shared<IntImm>(0, t); }

std::array<int, 2> matrixDims(const Region &r, const char *what, SourceLoc loc) {
  auto dims = matrixViewDims(r.extents);
  if (!dims)
    fail(loc, std::string(what) + " operand '" + r.buffer->name + "' must be a 2-D tile region");
  return *dims;
}

Expr viewExtent(const Region &r, int dim) { return dim < 0 ? intImm(1) : r.extents[dim]; }

std::vector<Expr> matrixIndex(const Region &r, std::array<int, 2> m, const Expr &row, const Expr &col) {
  std::vector<Expr> idx = r.starts;
  if (m[0] >= 0)
    idx[m[0]] = shifted(r.starts[m[0]], row);
  if (m[1] >= 0)
    idx[m[1]] = shifted(r.starts[m[1]], col);
  return idx;
}

Expr inBounds(const Buffer &b, const std::vector<Expr> &idx) {
  Expr all;
  for (size_t d = 0; d < idx.size(); ++d) {
    Expr lo = binary(BinaryOp::Ge, idx[d], intImm(0));
    Expr hi = binary(BinaryOp::Lt, idx[d], b->shape[d]);
    Expr both = binary(BinaryOp::And, lo, hi);
    all = all ? binary(BinaryOp::And, all, both) : both;
  }
  return all ? all : std::make_shared<IntImm>(1, DType::Bool);
}

} // namespace tilec::ir
