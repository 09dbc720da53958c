// T.copy on the GPU. A global -> shared copy of contiguous, aligned rows moves 16 bytes per
// thread and step (cp.async when a T.Pipelined loop issues it ahead, PipelinedLoop.cpp); a
// tensor-core accumulator -> global copy goes through a shared staging tile (Epilogue.h); any
// other copy, or one whose box may fall partly outside the tensor, is the element-wise nest
// dst[...] = src[...], with each element guarded.
#include "target/gpu/Epilogue.h"
#include "target/gpu/ops/Ops.h"

#include <fmt/format.h>

namespace tilec::gpu {

using namespace ir;
using sx::i32;
using sx::times;

namespace {

struct VectorPlan {
  int lanes = 0;
  std::vector<int64_t> chunks; // box shape with the innermost extent divided by lanes
};

// 16-byte global -> shared copies: contiguous innermost rows on both sides, aligned starts.
std::optional<VectorPlan> vectorPlan(const SimtLowering &cx, const Copy &c) {
  if (c.src.buffer->scope != Scope::Global || !cx.isShared(c.dst.buffer) ||
      c.src.buffer->dtype != c.dst.buffer->dtype)
    return std::nullopt;
  std::vector<int64_t> box = opShape(c.dst);
  int lanes = 16 / dtypeBytes(c.dst.buffer->dtype);
  auto innerExtent = [](const Region &r) {
    return asConstInt(r.extents.empty() ? r.buffer->shape.back() : r.extents.back());
  };
  auto innerStart = [](const Region &r) { return r.starts.empty() ? i32(0) : r.starts.back(); };
  auto srcRow = asConstInt(c.src.buffer->shape.back());
  auto dstRow = asConstInt(c.dst.buffer->shape.back());
  if (box.empty() || box.back() % lanes || innerExtent(c.src) != box.back() || innerExtent(c.dst) != box.back() ||
      !srcRow || *srcRow % lanes || !dstRow || *dstRow % lanes || knownMultiple(innerStart(c.src)) % lanes ||
      knownMultiple(innerStart(c.dst)) % lanes)
    return std::nullopt;
  VectorPlan p{lanes, box};
  p.chunks.back() /= lanes;
  return p;
}

// The names of a vector copy's loop variables: rows, then `v` for the 16-byte chunk in a row.
std::vector<Var> chunkVars(size_t rank) {
  std::vector<Var> vars;
  for (size_t d = 0; d < rank; ++d)
    vars.push_back(var(d + 1 == rank ? "v" : (d == 0 ? "row" : "row" + std::to_string(d))));
  return vars;
}

// One chunk's move; null for a plain copy that may fall outside the tensor (the element-wise
// path guards each element instead).
SStmt moveChunk(SimtLowering &cx, const Copy &c, const VectorPlan &p, const std::vector<Var> &vars, bool async,
                const StageIndex &stages) {
  std::vector<Expr> coords(vars.begin(), vars.end());
  coords.back() = times(coords.back(), i32(p.lanes));
  std::vector<Expr> src = regionIndices(c.src, coords), dst = regionIndices(c.dst, coords);
  for (Expr &e : src)
    e = cx.rewrite(e, Place{stages});
  for (Expr &e : dst)
    e = cx.rewrite(e, Place{stages});
  Expr ok = cx.inBounds(c.src.buffer, src, p.lanes);
  const Buffer &sbuf = cx.simt(c.dst.buffer);
  std::vector<Expr> sharedIdx = cx.sharedIndices(c.dst.buffer, dst, stages);
  if (async)
    return std::make_shared<SCpAsync>(sbuf, sharedIdx, c.src.buffer, src, p.lanes, ok);
  if (ok)
    return nullptr;
  return std::make_shared<SVecCopy>(sbuf, sharedIdx, c.src.buffer, src, p.lanes);
}

} // namespace

bool copiesByVectors(const SimtLowering &cx, const Copy &c) { return vectorPlan(cx, c).has_value(); }

std::optional<SStmt> lowerVectorCopy(SimtLowering &cx, const Copy &c, bool async, const StageIndex &stages) {
  auto p = vectorPlan(cx, c);
  if (!p)
    return std::nullopt;
  std::vector<Var> vars = chunkVars(p->chunks.size());
  bool partial = false;
  SStmt body = cx.spreadOverThreads(p->chunks, vars, [&]() {
    SStmt s = moveChunk(cx, c, *p, vars, async, stages);
    partial = !s;
    return s;
  });
  if (partial)
    return std::nullopt;
  std::string what = fmt::format("T.copy {} -> {} ({} bytes per thread{})", c.src.buffer->name, c.dst.buffer->name,
                                 p->lanes * dtypeBytes(c.dst.buffer->dtype), async ? ", cp.async" : "");
  auto op = std::make_shared<SOp>(what, body);
  if (!async && !stages.count(c.dst.buffer.get())) // tma-pipeline may issue it as a TMA (sm_90a)
    op->tileCopy = tileCopyOf(cx, c, nullptr, stages);
  return op;
}

std::shared_ptr<const TileCopy> tileCopyOf(SimtLowering &cx, const Copy &c, const Expr &stage, const StageIndex &at) {
  const Region &r = c.src;
  if (r.buffer->scope != Scope::Global || r.starts.size() != r.buffer->rank() ||
      r.extents.size() != r.buffer->rank())
    return nullptr;
  for (const Expr &s : c.dst.starts) // the whole destination tile
    if (asConstInt(s) != std::optional<int64_t>(0))
      return nullptr;
  auto out = std::make_shared<TileCopy>();
  out->src = r.buffer;
  out->dst = cx.simt(c.dst.buffer);
  out->stage = stage;
  for (size_t d = 0; d < r.starts.size(); ++d) {
    auto e = asConstInt(r.extents[d]);
    if (!e)
      return nullptr;
    out->starts.push_back(cx.rewrite(r.starts[d], Place{at}));
    out->extents.push_back(*e);
  }
  return out;
}

ParallelNest nestFromCopy(const Copy &c) {
  ParallelNest n = boxNest(opShape(c.dst), "T.copy " + c.src.buffer->name + " -> " + c.dst.buffer->name);
  std::vector<Expr> coords = asExprs(n.vars);
  Expr value = load(c.src.buffer, regionIndices(c.src, coords));
  n.body = std::make_shared<Store>(c.dst.buffer, regionIndices(c.dst, coords), value, c.loc);
  n.loc = c.loc;
  markThreaded(n);
  return n;
}

SStmt lowerCopy(SimtLowering &cx, const Copy &c, const StageIndex &stages) {
  if (auto v = lowerVectorCopy(cx, c, false, stages))
    return *v;
  if (auto e = lowerStagedEpilogue(cx, c, stages))
    return *e;
  return cx.lowerNest(nestFromCopy(c), stages);
}

void noteCopy(const Copy &c, FragmentFacts &facts) { facts.addNest(nestFromCopy(c)); }

} // namespace tilec::gpu
