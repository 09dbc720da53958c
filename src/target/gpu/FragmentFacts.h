// What infer-fragment-layouts (InferFragmentLayouts.cpp) gathers from a kernel before it decides
// where each fragment lives. Every tile op adds its own part (note<Op> in gpu/ops/<Op>.cpp): an
// element-wise op its parallel nest; gemm and reduce, whose code depends on the layouts chosen
// (tensor cores, register reductions), themselves.
#pragma once

#include "target/gpu/Nests.h"

#include <set>
#include <vector>

namespace tilec::gpu {

struct FragmentFacts {
  std::vector<ParallelNest> nests;            // T.Parallel nests and element-wise tile ops
  std::vector<const ir::Gemm *> gemms;
  std::vector<const ir::Reduce *> reduces;
  std::set<const ir::BufferNode *> blockLevel; // loaded or stored outside any nest / tile op
  std::set<const ir::BufferNode *> inOps;      // touched by a nest or a tile op

  void addNest(ParallelNest n) {
    for (const Access &a : accessesIn(n.body))
      inOps.insert(a.buffer.get());
    nests.push_back(std::move(n));
  }
  void addOperands(const ir::TileOp &op) {
    for (const ir::Operand &o : op.operands())
      inOps.insert(o.region->buffer.get());
  }
};

} // namespace tilec::gpu
