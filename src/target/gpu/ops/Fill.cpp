// T.fill on the GPU: the element-wise nest dst[...] = value.
#include "target/gpu/ops/Ops.h"

namespace tilec::gpu {

using namespace ir;

ParallelNest nestFromFill(const Fill &f) {
  ParallelNest n = boxNest(opShape(f.dst), "T.fill " + f.dst.buffer->name);
  n.body = std::make_shared<Store>(f.dst.buffer, regionIndices(f.dst, asExprs(n.vars)), f.value, f.loc);
  n.loc = f.loc;
  markThreaded(n);
  return n;
}

SStmt lowerFill(SimtLowering &cx, const Fill &f, const StageIndex &stages) {
  return cx.lowerNest(nestFromFill(f), stages);
}

void noteFill(const Fill &f, FragmentFacts &facts) { facts.addNest(nestFromFill(f)); }

} // namespace tilec::gpu
