// T.cumsum(src, dst=None, dim=0, reverse=False): the inclusive prefix sum of a 1-D or 2-D tile
// region along `dim` (negative counts from the end), into dst (src itself when dst is None);
// reverse=True sums from the end of the dimension towards its start.
//
// Staged as plain Tile IR that every backend already runs: a T.Parallel loop over the other
// dimension (one thread per line on a GPU) around a serial loop that adds each element to the one
// before it, `x[k] = x[k] + x[k - 1]`, in place on a shared tile. A destination that is not shared
// (a fragment, whose layout the scan's access pattern does not fit) goes through a shared scratch
// tile, as TileLang does: copy in, scan, copy out.
#include "frontend/Evaluator.h"

namespace tilec::frontend {

namespace {

using K = Value::Kind;

std::vector<int64_t> regionExtents(const ir::Region &r, const std::string &what, SourceLoc loc) {
  std::vector<int64_t> out;
  for (size_t d = 0; d < r.buffer->rank(); ++d) {
    ir::Expr e = d < r.extents.size() ? r.extents[d] : nullptr;
    if (!e && r.extents.empty()) { // a start only: the rest of the buffer
      auto size = ir::asConstInt(r.buffer->shape[d]), start = ir::asConstInt(r.starts[d]);
      if (size && start)
        e = ir::intImm(*size - *start);
    }
    auto c = e ? ir::asConstInt(e) : std::nullopt;
    if (!c)
      fail(loc, "T.cumsum: the extent of " + what + " " + r.buffer->name + " must be known at compile time");
    out.push_back(*c);
  }
  return out;
}

// Whether two regions of one buffer start at the same element (same nodes, or equal constants).
bool sameStart(const ir::Region &a, const ir::Region &b) {
  if (a.buffer != b.buffer || a.starts.size() != b.starts.size())
    return false;
  for (size_t d = 0; d < a.starts.size(); ++d) {
    auto x = ir::asConstInt(a.starts[d]), y = ir::asConstInt(b.starts[d]);
    if (a.starts[d] != b.starts[d] && !(x && y && *x == *y))
      return false;
  }
  return true;
}

ir::Region withExtents(ir::Region r, const std::vector<int64_t> &extents, SourceLoc loc) {
  r.extents.clear();
  for (int64_t e : extents)
    r.extents.push_back(ir::intImm(e, loc));
  return r;
}

} // namespace

Value Evaluator::emitCumsum(CallArgs &args) {
  auto a = bindBuiltinArgs(args, "T.cumsum", {"src", "dst", "dim", "reverse"}, 1);
  KernelBuilder &kb = requireKernel("T.cumsum", args.loc);
  auto locOf = [&](size_t i) { return i < args.argLocs.size() ? args.argLocs[i] : args.loc; };
  ir::Region src = toRegion(*a[0], locOf(0), "the source of T.cumsum");
  bool inPlace = !a[1] || a[1]->is(K::None);
  ir::Region dst = inPlace ? src : toRegion(*a[1], locOf(1), "the destination of T.cumsum");
  std::vector<int64_t> extents = regionExtents(src, "the source", locOf(0));
  std::vector<int64_t> dstExtents = regionExtents(dst, "the destination", inPlace ? locOf(0) : locOf(1));
  if (extents.size() < 1 || extents.size() > 2)
    fail(locOf(0), "T.cumsum scans a 1-D or 2-D tile, but " + src.buffer->name + " has " +
                       std::to_string(extents.size()) + " dimensions");
  if (dstExtents != extents)
    fail(args.loc, "T.cumsum: the destination " + dst.buffer->name + " must have the shape of the source " +
                       src.buffer->name);
  int64_t rank = static_cast<int64_t>(extents.size());
  int64_t dim = 0;
  if (a[2] && !a[2]->is(K::None)) {
    if (!a[2]->is(K::Int))
      fail(args.loc, "T.cumsum: dim must be an integer known at compile time, got " + typeName(*a[2]));
    dim = a[2]->intValue;
  }
  if (dim < -rank || dim >= rank)
    fail(args.loc, "T.cumsum: dim=" + std::to_string(dim) + " is out of range for the " + std::to_string(rank) +
                       "-D source " + src.buffer->name);
  if (dim < 0)
    dim += rank;
  bool reverse = a[3] && truthiness(*a[3]).value_or(false);
  src = withExtents(src, extents, args.loc);
  dst = withExtents(dst, extents, args.loc);

  // The tile the scan runs on: dst itself when it is shared, else a shared scratch tile.
  bool scanInDst = dst.buffer->scope == ir::Scope::Shared;
  ir::Region work = dst;
  if (!scanInDst) {
    std::vector<ir::Expr> shape;
    for (int64_t e : extents)
      shape.push_back(ir::intImm(e, args.loc));
    ir::Buffer scratch = kb.allocate(dst.buffer->name + "_scan", shape, dst.buffer->dtype, ir::Scope::Shared,
                                     args.loc, "T.cumsum");
    work = withExtents(ir::fullRegion(scratch, args.loc), extents, args.loc);
  }
  if (!sameStart(work, src))
    kb.emit(std::make_shared<ir::Copy>(src, work, args.loc), "T.cumsum");

  // for line in T.Parallel(other): for s in T.serial(1, n): x[k] = x[k] + x[k -/+ 1]
  int64_t n = extents[dim];
  ir::Var line = ir::var("line", ir::DType::Int32, args.loc), step = ir::var("s", ir::DType::Int32, args.loc);
  ir::Expr k = reverse ? ir::sub(ir::intImm(n - 1), step) : ir::Expr(step);
  ir::Expr previous = reverse ? ir::add(k, ir::intImm(1)) : ir::sub(k, ir::intImm(1));
  auto at = [&](ir::Expr alongDim) {
    std::vector<ir::Expr> idx = work.starts;
    idx[dim] = ir::add(idx[dim], alongDim);
    if (rank == 2)
      idx[1 - dim] = ir::add(idx[1 - dim], line);
    return idx;
  };
  ir::Expr sum = ir::binary(ir::BinaryOp::Add, ir::load(work.buffer, at(k), args.loc),
                            ir::load(work.buffer, at(previous), args.loc), args.loc);
  ir::Stmt scan = std::make_shared<ir::For>(step, ir::intImm(1), ir::intImm(std::max<int64_t>(n - 1, 0)),
                                            ir::ForKind::Serial,
                                            std::make_shared<ir::Store>(work.buffer, at(k), sum, args.loc), args.loc);
  int64_t lines = rank == 2 ? extents[1 - dim] : 1;
  kb.emit(std::make_shared<ir::For>(line, ir::intImm(0), ir::intImm(lines), ir::ForKind::Parallel, scan, args.loc),
          "T.cumsum");
  if (!scanInDst)
    kb.emit(std::make_shared<ir::Copy>(work, dst, args.loc), "T.cumsum");
  return Value::none();
}

} // namespace tilec::frontend
