// An element-wise map (what raise-tile-ops makes of a T.Parallel body) on the GPU: the nest
// dst[axes] = value over its own axes.
#include "target/gpu/ops/Ops.h"

namespace tilec::gpu {

using namespace ir;

ParallelNest nestFromMap(const Map &m) {
  ParallelNest n;
  n.vars = m.axes;
  for (size_t d = 0; d < m.axes.size(); ++d) {
    auto ext = asConstInt(m.dst.extents.empty() ? m.dst.buffer->shape[d] : m.dst.extents[d]);
    if (!ext)
      fail(m.loc, "the GPU backend needs tile extents known at compile time");
    n.extents.push_back(*ext);
    n.mins.push_back(intImm(0));
  }
  std::vector<Expr> idx;
  for (size_t d = 0; d < m.axes.size(); ++d)
    idx.push_back(sx::plus(d < m.dst.starts.size() ? m.dst.starts[d] : intImm(0), m.axes[d]));
  n.body = std::make_shared<Store>(m.dst.buffer, idx, m.value, m.loc);
  n.what = "element-wise " + m.dst.buffer->name;
  n.loc = m.loc;
  dropUnitLoops(n);
  markThreaded(n);
  return n;
}

SStmt lowerMap(SimtLowering &cx, const Map &m, const StageIndex &stages) {
  return cx.lowerNest(nestFromMap(m), stages);
}

void noteMap(const Map &m, FragmentFacts &facts) { facts.addNest(nestFromMap(m)); }

} // namespace tilec::gpu
