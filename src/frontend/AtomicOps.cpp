// T.atomic_add / T.atomic_max / T.atomic_min: an element or a region of global or shared memory
// updated atomically (docs/LANGUAGE.md, "Atomics").
//
// Both forms become atomic stores (ir::Store with an AtomicOp), the one IR construct every layer
// knows: the element form `T.atomic_add(C[i, j], v)` one store; the region form
// `T.atomic_add(C[by * 32, bx * 32], C_local)` (a split-K GEMM's epilogue) a T.Parallel nest of
// them over the source's shape, which the GPU backend spreads over threads like any other nest.
#include "frontend/Evaluator.h"

#include <map>

namespace tilec::frontend {

namespace {

using K = Value::Kind;

const std::map<std::string, ir::AtomicOp> kAtomicOps = {
    {"atomic_add", ir::AtomicOp::Add}, {"atomic_max", ir::AtomicOp::Max}, {"atomic_min", ir::AtomicOp::Min}};

// TileLang's memory orders; every one of them gives the same final values (tilec has no
// concurrent reader of an element being updated), so the order is accepted and has no effect.
const char *const kMemoryOrders[] = {"relaxed", "consume", "acquire", "release", "acq_rel", "seq_cst"};

bool isRegionValue(const Value &v) {
  if (v.is(K::Buffer))
    return true;
  if (!v.is(K::Access))
    return false;
  for (const AccessIndex &idx : v.access->indices)
    if (idx.isSlice)
      return true;
  return false;
}

void checkDestination(const ir::Buffer &b, const std::string &fname, SourceLoc loc) {
  if (b->scope == ir::Scope::Global || b->scope == ir::Scope::Shared)
    return;
  fail(loc, fname + " updates global or shared memory, but " + b->name + " is a " +
                ir::scopeName(b->scope) + " buffer, whose elements each belong to one thread; " +
                "update it with a plain assignment (" + b->name + "[i] = " + b->name + "[i] + v)");
}

std::vector<int64_t> constantExtents(const std::vector<ir::Expr> &extents, const ir::Buffer &b,
                                     const std::string &fname, SourceLoc loc) {
  std::vector<int64_t> out;
  for (const ir::Expr &e : extents) {
    auto c = ir::asConstInt(e);
    if (!c)
      fail(loc, fname + ": the extent of the region of " + b->name +
                    " must be known at compile time (the update is a tile-sized loop)");
    out.push_back(*c);
  }
  return out;
}

std::string shapeText(const std::vector<int64_t> &dims) {
  std::string s = "(";
  for (size_t i = 0; i < dims.size(); ++i)
    s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + (dims.size() == 1 ? ",)" : ")");
}

} // namespace

Value Evaluator::emitAtomic(const std::string &op, CallArgs &args) {
  std::string fname = "T." + op;
  ir::AtomicOp atomic = kAtomicOps.at(op);
  std::vector<std::string> names = {"dst", "value", "memory_order", "return_prev"};
  if (op == "atomic_add")
    names.push_back("use_tma");
  auto a = bindBuiltinArgs(args, fname, names, 2);
  auto locOf = [&](size_t i) { return i < args.argLocs.size() ? args.argLocs[i] : args.loc; };
  if (a[2] && !a[2]->is(K::None)) {
    bool known = false;
    for (const char *order : kMemoryOrders)
      known = known || (a[2]->is(K::Str) && a[2]->str == order);
    if (!known)
      fail(args.loc, fname + ": memory_order must be one of \"relaxed\", \"consume\", \"acquire\", "
                             "\"release\", \"acq_rel\", \"seq_cst\", got " + repr(*a[2]));
  }
  if (a[3] && truthiness(*a[3]).value_or(true))
    fail(args.loc, fname + "(..., return_prev=True) is not supported: the old value of the element "
                           "is not returned; write the update as a statement (return_prev=False)");
  KernelBuilder &kb = requireKernel(fname, args.loc);
  const Value &dst = *a[0], &value = *a[1];

  if (!isRegionValue(value)) { // the element form
    if (!dst.is(K::Access) || isRegionValue(dst))
      fail(locOf(0), fname + " with a scalar value updates one element: the destination must be "
                             "an element such as C[i, j], got " +
                             (dst.is(K::Access) ? "a region" : typeName(dst)));
    const BufferAccess &access = *dst.access;
    checkDestination(access.buffer, fname, locOf(0));
    ir::Expr element = toExpr(dst, locOf(0), "the destination of " + fname);
    ir::Expr v = toExpr(value, locOf(1), "the value of " + fname);
    auto *load = element->as<ir::Load>();
    kb.emit(std::make_shared<ir::Store>(load->buffer, load->indices, v, args.loc, atomic), fname);
    return Value::none();
  }

  // The region form: every element of the source region into the matching one of the destination.
  ir::Region src = toRegion(value, locOf(1), "the source of " + fname);
  ir::Region target = toRegion(dst, locOf(0), "the destination of " + fname);
  checkDestination(target.buffer, fname, locOf(0));
  std::vector<int64_t> srcExtents = constantExtents(src.extents, src.buffer, fname, locOf(1));
  if (target.extents.empty()) { // a start only: the source's shape, aligned to the last dimensions
    if (target.starts.size() < srcExtents.size())
      fail(locOf(0), fname + ": the destination " + target.buffer->name + " has fewer dimensions than the source " +
                         src.buffer->name + " " + shapeText(srcExtents));
    size_t lead = target.starts.size() - srcExtents.size();
    for (size_t d = 0; d < target.starts.size(); ++d)
      target.extents.push_back(ir::intImm(d < lead ? 1 : srcExtents[d - lead], args.loc));
  }
  std::vector<int64_t> dstExtents = constantExtents(target.extents, target.buffer, fname, locOf(0));
  std::vector<size_t> srcDims, dstDims;
  for (size_t d = 0; d < srcExtents.size(); ++d)
    if (srcExtents[d] != 1)
      srcDims.push_back(d);
  for (size_t d = 0; d < dstExtents.size(); ++d)
    if (dstExtents[d] != 1)
      dstDims.push_back(d);
  bool match = srcDims.size() == dstDims.size();
  for (size_t k = 0; match && k < srcDims.size(); ++k)
    match = srcExtents[srcDims[k]] == dstExtents[dstDims[k]];
  if (!match)
    fail(args.loc, fname + ": the source region of " + src.buffer->name + " has shape " + shapeText(srcExtents) +
                       " but the destination region of " + target.buffer->name + " has shape " +
                       shapeText(dstExtents) + "; their dimensions of extent greater than 1 must agree");

  // for v0, v1, ... in T.Parallel(...): dst[start + v] <op>= src[start + v]
  static const char *kNames[] = {"i", "j", "k", "l"};
  std::vector<ir::Var> vars;
  for (size_t k = 0; k < srcDims.size(); ++k)
    vars.push_back(ir::var(k < 4 ? kNames[k] : "i" + std::to_string(k), ir::DType::Int32, args.loc));
  auto indices = [&](const ir::Region &r, const std::vector<size_t> &dims) {
    std::vector<ir::Expr> idx = r.starts;
    for (size_t k = 0; k < dims.size(); ++k)
      idx[dims[k]] = ir::add(idx[dims[k]], vars[k]);
    return idx;
  };
  std::vector<ir::Expr> dstIndices = indices(target, dstDims);
  ir::Stmt body = std::make_shared<ir::Store>(target.buffer, dstIndices,
                                              ir::load(src.buffer, indices(src, srcDims), args.loc),
                                              args.loc, atomic);
  // Like T.copy's global side, a destination region may run past the tensor's edge (a last tile
  // of M not divisible by block_M): the elements outside are not updated.
  if (target.buffer->scope == ir::Scope::Global) {
    ir::Expr inside;
    for (size_t d : dstDims) {
      ir::Expr ok = ir::binary(ir::BinaryOp::Lt, dstIndices[d], target.buffer->shape[d], args.loc);
      inside = inside ? ir::binary(ir::BinaryOp::And, inside, ok, args.loc) : ok;
    }
    if (inside)
      body = std::make_shared<ir::If>(inside, body, nullptr, args.loc);
  }
  for (size_t k = srcDims.size(); k-- > 0;)
    body = std::make_shared<ir::For>(vars[k], ir::intImm(0, args.loc), ir::intImm(srcExtents[srcDims[k]], args.loc),
                                     ir::ForKind::Parallel, body, args.loc);
  kb.emit(body, fname);
  return Value::none();
}

} // namespace tilec::frontend
